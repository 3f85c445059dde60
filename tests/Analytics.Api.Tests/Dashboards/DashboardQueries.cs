using System.Text.Json.Nodes;
using Analytics.Api.Tests.Infrastructure;

namespace Analytics.Api.Tests.Dashboards;

/// <summary>The dashboard's operations, <c>dashboards/queries/*.graphql</c>, with the demo variables the tests send.</summary>
public static class DashboardQueries
{
    public const string Yongan = "永安市";

    /// <summary>Variables per operation: the published county and period, so the snapshots hold the published figures.</summary>
    public static readonly IReadOnlyDictionary<string, JsonObject> DemoVariables = new Dictionary<string, JsonObject>
    {
        ["DashboardContext"] = [],
        ["IncomeGrowth"] = new() { ["region"] = Yongan, ["level"] = "COUNTY", ["fromYear"] = 2019, ["toYear"] = 2021, ["previousFromYear"] = 2017, ["previousToYear"] = 2019 },
        ["GridCoverage"] = new() { ["region"] = Yongan, ["level"] = "TOWNSHIP" },
        ["CaseResolution"] = new() { ["region"] = Yongan, ["level"] = "COUNTY", ["fromYear"] = 2021, ["toYear"] = 2021, ["previousYear"] = 2020 },
        ["PairingAndStars"] = new() { ["region"] = Yongan, ["level"] = "COUNTY", ["fromYear"] = 2019, ["toYear"] = 2021 },
        ["CaseStudy"] = new() { ["county"] = Yongan },
    };

    public static string Folder { get; } = Path.Combine(RepositoryPaths.Root, "dashboards", "queries");

    public static IEnumerable<string> Names =>
        Directory.EnumerateFiles(Folder, "*.graphql").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    public static string Text(string name) => File.ReadAllText(Path.Combine(Folder, $"{name}.graphql"));
}
