using Analytics.Api.Auditing;
using Analytics.Api.GraphQL.Http;
using GraphQL;
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
        builder.Services.AddGraphQL(graphQL => graphQL.AddValidationRule<RoleValidationRule>());
        return builder;
    }

    public static WebApplication UseApiSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
