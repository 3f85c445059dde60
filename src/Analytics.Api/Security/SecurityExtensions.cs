using Analytics.Api.Auditing;
using Analytics.Api.GraphQL.Http;
using GraphQL;
using GraphQL.Validation.Rules.Custom;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Analytics.Api.Security;

public static class SecurityExtensions
{
    /// <summary>
    /// JWT bearer sign-in with the configured key (the API refuses to start without one), the caller as audit actor,
    /// the county scope every read goes through, and the role rules checked before execution.
    /// </summary>
    public static IHostApplicationBuilder AddApiSecurity(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        var key = new SymmetricSecurityKey(options.KeyBytes());
        builder.Services.AddSingleton(options);
        // Token lifetimes are wall-clock time, like their validation: not the (replaceable) domain clock.
        builder.Services.AddSingleton(new TokenIssuer(options, TimeProvider.System));
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = options.Issuer,
                ValidAudience = options.Audience,
                IssuerSigningKey = key,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                NameClaimType = ApiRoles.NameClaim,
                RoleClaimType = ApiRoles.RoleClaim,
                ClockSkew = TimeSpan.FromMinutes(1),
            };
        });
        builder.Services.AddAuthorization();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<Caller>();
        builder.Services.AddScoped<ICurrentActor>(services => services.GetRequiredService<Caller>());
        builder.Services.AddScoped<AccessScope>();
        builder.Services.AddSingleton<CountyDirectory>();
        builder.Services.AddSingleton<IGraphQLRequestInterceptor, AuthenticationInterceptor>();
        builder.AddQueryLimits();
        builder.Services.AddPerCallerRateLimits(
            builder.Configuration.GetSection(RateLimitOptions.SectionName).Get<RateLimitOptions>() ?? new RateLimitOptions());
        builder.Services.AddGraphQL(graphQL => graphQL.AddValidationRule<RoleValidationRule>());
        return builder;
    }

    /// <summary>Depth, cost, field and alias limits, timeout, introspection and suggestions, persisted documents.</summary>
    private static void AddQueryLimits(this IHostApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection(QueryLimitsOptions.SectionName).Get<QueryLimitsOptions>() ?? new QueryLimitsOptions();
        var development = builder.Environment.IsDevelopment();
        var persisted = builder.Configuration.GetSection(PersistedDocumentOptions.SectionName).Get<PersistedDocumentOptions>() ?? new PersistedDocumentOptions();
        builder.Services.AddSingleton(limits);
        builder.Services.AddSingleton(persisted);
        if (persisted.Required)
        {
            // After sign-in (registered later than AuthenticationInterceptor): an anonymous caller still gets 401.
            builder.Services.AddSingleton<IGraphQLRequestInterceptor, PersistedDocumentsOnlyInterceptor>();
        }

        builder.Services.AddGraphQL(graphQL =>
        {
            graphQL
                .AddValidationRule(new FieldCountValidationRule(limits))
                .AddValidationRule(IntrospectionLimitsRule.Instance)
                .AddComplexityAnalyzer(complexity =>
                {
                    complexity.MaxDepth = limits.MaxDepth;
                    complexity.MaxComplexity = limits.MaxComplexity;
                    complexity.DefaultListImpactMultiplier = limits.DefaultListSize;
                    // first/last beyond the page-size cap are refused with PAGE_SIZE_TOO_LARGE, the clearer error: cost
                    // counts them at the cap.
                    var maxPage = builder.Configuration.GetValue<int?>($"{GraphQL.PagingOptions.SectionName}:MaxPageSize") ?? new GraphQL.PagingOptions().MaxPageSize;
                    var standard = complexity.DefaultComplexityImpactDelegate;
                    complexity.DefaultComplexityImpactDelegate = field =>
                    {
                        var impact = standard(field);
                        impact = impact with { ChildImpactMultiplier = Math.Min(impact.ChildImpactMultiplier, Math.Max(maxPage, limits.DefaultListSize)) };
                        // Introspection at a share (IntrospectionLimitsRule): every client's standard query passes.
                        // Not WithIntrospectionComplexityImpact: it initializes the schema before its configuration runs.
                        return field.FieldDefinition.Name is "__schema" or "__type" || field.ParentType.Name.StartsWith("__", StringComparison.Ordinal)
                            ? impact with { FieldImpact = impact.FieldImpact * IntrospectionLimitsRule.CostShare }
                            : impact;
                    };
                })
                .ConfigureExecution(new ExecutionLimits(limits, limits.FieldSuggestions ?? development))
                .UsePersistedDocuments<FolderPersistedDocumentLoader>(global::GraphQL.DI.ServiceLifetime.Singleton, options =>
                    options.AllowOnlyPersistedDocuments = persisted.Required);
            if (!(limits.EnableIntrospection ?? development))
            {
                graphQL.AddValidationRule<NoIntrospectionValidationRule>();
            }
        });
    }

    public static WebApplication UseApiSecurity(this WebApplication app)
    {
        app.UseSecurityHeaders(); // first: refusals below (401, 429) carry them too
        app.UseAuthentication();
        app.UseRateLimiter(); // after sign-in: the limit is per caller
        app.UseAuthorization();
        return app;
    }
}
