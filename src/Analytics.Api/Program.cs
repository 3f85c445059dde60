using Analytics.Api.Dashboards;
using Analytics.Api.GraphQL;
using Analytics.Api.GraphQL.Http;
using Analytics.Api.Health;
using Analytics.Api.Hosting;
using Analytics.Api.Warehouse;
using Analytics.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddShippedSettings();
builder.AddOperationalStore();
builder.AddGraphQLApi();
builder.AddWarehouse();
builder.AddHealth();
builder.AddDashboards();

var app = builder.Build();
await app.Services.GetRequiredService<OperationalStore>().InitializeAsync(app.Lifetime.ApplicationStopping);

app.MapGraphQLEndpoint("/graphql");
app.MapHealth("/health");
app.MapDashboards("/dashboards");
app.Run();

/// <summary>Exposed for WebApplicationFactory in the API tests.</summary>
public partial class Program;
