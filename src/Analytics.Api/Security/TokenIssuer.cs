using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Analytics.Api.Security;

/// <summary>What a token says: a role, for county officers the county (by name, e.g. 永安市), and who it is.</summary>
public sealed record TokenRequest(string Role, string? County = null, string? Name = null, TimeSpan? Lifetime = null);

/// <summary>Signs bearer tokens with the configured key (the <c>token</c> command, tests).</summary>
public sealed class TokenIssuer(AuthOptions options, TimeProvider clock)
{
    public SigningCredentials Credentials { get; } = new(new SymmetricSecurityKey(options.KeyBytes()), SecurityAlgorithms.HmacSha256);

    public string Issue(TokenRequest request)
    {
        if (!ApiRoles.All.Contains(request.Role))
        {
            throw new ArgumentException($"Unknown role '{request.Role}'; one of: {string.Join(", ", ApiRoles.All)}.", nameof(request));
        }

        if (request.Role == ApiRoles.CountyOfficer && string.IsNullOrWhiteSpace(request.County))
        {
            throw new ArgumentException("A county-officer token needs --county (e.g. 永安市).", nameof(request));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new List<Claim>
        {
            new(ApiRoles.RoleClaim, request.Role),
            new(ApiRoles.NameClaim, string.IsNullOrWhiteSpace(request.Name) ? request.Role : request.Name.Trim()),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
        };
        if (!string.IsNullOrWhiteSpace(request.County))
        {
            claims.Add(new Claim(ApiRoles.CountyClaim, request.County.Trim()));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (request.Lifetime ?? TimeSpan.FromHours(8)),
            SigningCredentials = Credentials,
        });
    }
}
