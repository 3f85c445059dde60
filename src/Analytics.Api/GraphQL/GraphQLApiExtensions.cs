using System.Text.Encodings.Web;
using System.Text.Unicode;
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
        builder.Services.AddGraphQLHttpEndpoint();
        builder.Services.AddGraphQL(graphQL => graphQL
            .AddSchema<AnalyticsSchema>()
            .AddGraphTypes(typeof(AnalyticsSchema).Assembly)
            // Chinese text stays readable in responses; HTML-sensitive characters are still escaped.
            .AddSystemTextJson(json => json.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All))
            .AddErrorInfoProvider(options => options.ExposeExceptionDetails = builder.Environment.IsDevelopment()));
        return builder;
    }
}
