using Analytics.Api.Dashboards;
using Analytics.Api.GraphQL;
using Analytics.Api.GraphQL.Http;
using Analytics.Api.Health;
using Analytics.Api.Hosting;
using Analytics.Api.Observability;
using Analytics.Api.Security;
using Analytics.Api.Warehouse;
using Analytics.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddShippedSettings();
if (TokenCommand.Matches(args))
{
    return await TokenCommand.RunAsync(args, builder.Configuration, Console.Out, Console.Error);
}

builder.AddApiSecurity();
builder.AddOperationalStore();
builder.AddGraphQLApi();
builder.AddWarehouse();
builder.AddHealth();
builder.AddDashboards();
builder.AddJsonCompression();
builder.AddObservability();
builder.AddStartupFailureExplanation();

var app = builder.Build();
await app.Services.GetRequiredService<OperationalStore>().InitializeAsync(app.Lifetime.ApplicationStopping);

app.UseResponseCompression();
app.UseApiSecurity();
app.MapGraphQLEndpoint("/graphql");
app.MapHealth("/health");
app.MapDashboards("/dashboards");
app.PrintDevelopmentSignIn();
return await app.RunOrExplainAsync();

/// <summary>Exposed for WebApplicationFactory in the API tests.</summary>
public partial class Program;
