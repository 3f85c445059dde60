using System.Text.Encodings.Web;
using Analytics.Api.GraphQL.Http;
using GraphQL;

namespace Analytics.Api.GraphQL;

public static class GraphQLApiExtensions
{
    /// <summary>Registers the schema, its graph types, the HTTP endpoint's options, the per-request batch loader and paging limits.</summary>
    public static IHostApplicationBuilder AddGraphQLApi(this IHostApplicationBuilder builder)
    {
        // Field descriptions fall back to the domain's XML docs, which carry the Chinese terms.
        GlobalSwitches.EnableReadDescriptionFromXmlDocumentation = true;

        builder.Services.AddOptions<PagingOptions>().BindConfiguration(PagingOptions.SectionName);
        builder.Services.AddScoped<BatchLoader>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton(services => new Analytics.Data.Ledgers.LedgerImporter(
            services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Analytics.Data.OperationalDbContext>>(),
            services.GetRequiredService<TimeProvider>(),
            new Analytics.Data.Ledgers.LedgerImportOptions(
                MaxFileBytes: builder.Configuration.GetValue<int?>($"{Analytics.Data.Ledgers.LedgerImportOptions.SectionName}:MaxFileMegabytes") is { } megabytes
                    ? megabytes * 1024L * 1024L
                    : Analytics.Data.Ledgers.LedgerImportOptions.DefaultMaxFileBytes,
                MaxInflatedBytes: builder.Configuration.GetValue<int?>($"{Analytics.Data.Ledgers.LedgerImportOptions.SectionName}:MaxInflatedMegabytes") is { } inflated
                    ? inflated * 1024L * 1024L
                    : Analytics.Data.Ledgers.LedgerImportOptions.DefaultMaxInflatedBytes)));
        builder.Services.AddGraphQLHttpEndpoint();
        builder.Services.AddGraphQL(graphQL => graphQL
            .AddSchema<AnalyticsSchema>()
            .AddGraphTypes(typeof(AnalyticsSchema).Assembly)
            // Responses are JSON, never embedded in HTML: Chinese text, '+' in offsets and quotes stay as they are.
            .AddSystemTextJson(json => json.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            // No stack traces on expected errors (NOT_FOUND, PAGE_SIZE_TOO_LARGE, validation…): GraphQL.NET would add one
            // to every error. Unexpected ones get theirs, in Development only, from GraphQLHttpEndpoint.HideUnhandledExceptions.
            .AddErrorInfoProvider(options => options.ExposeExceptionDetails = false));
        return builder;
    }
}
