namespace Analytics.Api.Security;

/// <summary>The roles a token may carry (claim <c>role</c>), and the other claims the API reads.</summary>
public static class ApiRoles
{
    /// <summary>Everything, every county, personal data in clear.</summary>
    public const string Admin = "admin";

    /// <summary>Reads and writes only within its county's region subtree (claim <c>county</c>); personal data masked.</summary>
    public const string CountyOfficer = "county-officer";

    /// <summary>Reads every county, no mutations, no personal fields (pseudonymized lists).</summary>
    public const string Analyst = "analyst";

    /// <summary>Only fields marked <see cref="FieldRules.AllowPublicity{T}"/> (case studies, analytics).</summary>
    public const string Publicity = "publicity";

    public static readonly IReadOnlyList<string> All = [Admin, CountyOfficer, Analyst, Publicity];

    public const string RoleClaim = "role";
    public const string CountyClaim = "county";
    public const string NameClaim = "name";
}
