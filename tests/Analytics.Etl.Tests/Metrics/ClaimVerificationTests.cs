using System.Text.Json.Nodes;
using Analytics.Etl.Warehouse;

namespace Analytics.Etl.Tests.Metrics;

/// <summary><c>verify</c> on the demo city: the published figures of 永安市 and 三元区 (DOMAIN.md) come out of the metric views.</summary>
public sealed class ClaimVerificationTests(DemoWarehouseFixture fixture) : IClassFixture<DemoWarehouseFixture>
{
    [Fact]
    public async Task Every_yongan_and_sanyuan_claim_is_reproduced()
    {
        var results = await ClaimVerifier.VerifyAsync(fixture.WarehousePath);

        Assert.Equal(["三元区", "永安市"], results.Select(r => r.County).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(33, results.Count);
        Assert.All(results,
            r => Assert.True(r.Verdict == ClaimVerdict.Pass, $"{r.Claim.Id}: printed {r.Printed}, computed {r.ComputedText} ({r.Detail})"));
        // 三元区's new-business-form organization coverage: 65 of its 67 新业态 enterprises have a party organization.
        Assert.Equal(65m / 67m, Assert.Single(results, r => r.Claim.Id == "sanyuan.new-business-coverage").Computed!.Value, 10);
    }

    [Fact]
    public async Task The_claims_file_holds_every_figure_of_domain_md()
    {
        var claims = ClaimVerifier.LoadClaims();

        // DOMAIN.md: 永安市 14 rows (2 of them "a / b") = 16 figures, 三元区 12 rows (4 "a / b", one "a / b / c") = 17.
        Assert.Equal(16, claims.Count(c => c.County == "永安市"));
        Assert.Equal(17, claims.Count(c => c.County == "三元区"));
        Assert.All(claims, c => Assert.Contains(c.Source, new[] { "001_5bc6a8d6376a05c2.txt", "002_81af74b2c66c7b41.txt" }));
        // Every quote is the document's own words: it appears in the seed (… marks an ellipsis in the quote).
        foreach (var claim in claims)
        {
            var document = await File.ReadAllTextAsync(Path.Combine(SeedsDirectory, claim.Source));
            Assert.All(claim.Quote.Split('…'), part => Assert.True(
                Normalize(document).Contains(Normalize(part), StringComparison.Ordinal), $"{claim.Id}: '{part}' not in {claim.Source}"));
        }
    }

    [Fact]
    public async Task The_sentence_is_filled_with_the_computed_value()
    {
        var growth = Assert.Single(await ClaimVerifier.VerifyAsync(fixture.WarehousePath), r => r.Claim.Id == "yongan.income-growth");

        Assert.Equal("2019年至2021年，全市村集体经营性收入增长30.81%", growth.Sentence);
        Assert.Equal(0.3081m, Math.Round(growth.Computed!.Value, 4));
    }

    [Theory]
    [InlineData("yongan.income-growth", 30.82, "rounds to 30.81%, not the printed 30.82%")] // percent at the printed precision
    [InlineData("yongan.villages", 176, "175 ≠ printed 176")]                // exact
    [InlineData("yongan.four-step-cases", 1700, "less than the printed 1700")] // at least: 1650 resolved is not "1700余"
    [InlineData("sanyuan.cross-village-share", 44.5, "44.59")]               // 33 / 74 = 44.59…% rounds to 44.6, not 44.5
    public async Task A_changed_printed_value_makes_verify_fail(string id, double printed, string detail)
    {
        var claims = WriteClaims(fixture, id, printed);

        var result = Assert.Single(await ClaimVerifier.VerifyAsync(fixture.WarehousePath, claims), r => r.Claim.Id == id);
        var (exit, _, error) = await RunAsync("verify", "--warehouse", fixture.WarehousePath, "--claims", claims);

        Assert.Equal(ClaimVerdict.Fail, result.Verdict);
        Assert.Contains(detail, result.Detail);
        Assert.Equal(1, exit);
        Assert.Contains($"error: 1 of 33 published claims failed: {id} (", error);
    }

    [Fact]
    public async Task A_claim_the_warehouse_cannot_compute_is_reported_and_fails_verify()
    {
        var claims = WriteClaims(fixture, "yongan.mobile-members", unverifiable: "no register of mobile members");

        var (exit, _, error) = await RunAsync("verify", "--warehouse", fixture.WarehousePath, "--claims", claims);

        Assert.Equal(1, exit);
        Assert.Contains("33 claims: 32 passed, 0 failed, 1 not verifiable (yongan.mobile-members: no register of mobile members).", error);
        Assert.Contains("error: 1 of 33 published claims cannot be verified from the warehouse: yongan.mobile-members (no register of mobile members)", error);
    }

    [Fact]
    public async Task Verify_exits_0_and_prints_one_row_per_claim()
    {
        var (exit, output, error) = await RunAsync("verify", "--warehouse", fixture.WarehousePath);

        Assert.True(exit == 0, error);
        Assert.Contains("claim", output.Split('\n')[0]);
        Assert.Contains("(33 rows)", output);
        Assert.Matches(@"yongan\.income-growth\s+\|\s+永安市\s+\|.*\|\s+30\.81%\s+\|\s+30\.81%\s+\|\s+Pass", output);
        Assert.Contains("33 claims: 33 passed, 0 failed", error);
    }

    [Fact]
    public async Task Verify_writes_csv_and_json()
    {
        var (csvExit, csv, _) = await RunAsync("verify", "--warehouse", fixture.WarehousePath, "--format", "csv");
        var (jsonExit, json, _) = await RunAsync("verify", "--warehouse", fixture.WarehousePath, "--format", "json");

        Assert.Equal([0, 0], [csvExit, jsonExit]);
        var lines = csv.TrimEnd().Split('\n');
        Assert.Equal("claim,county,metric,period,printed,computed,verdict,detail,sentence", lines[0].TrimEnd('\r'));
        Assert.Equal(34, lines.Length);
        var growth = JsonNode.Parse(json)!.AsArray().Single(n => (string?)n!["claim"] == "yongan.income-growth")!;
        Assert.Equal("Pass", (string?)growth["verdict"]);
        Assert.Equal("2019年至2021年，全市村集体经营性收入增长30.81%", (string?)growth["sentence"]);
    }

    [Theory]
    [InlineData("missing-warehouse", "error: No warehouse at")]
    [InlineData("missing-claims", "error: No claims file at")]
    [InlineData("bad-period", "period '2019–2021' is not YYYY")]
    [InlineData("unknown-metric", "published_figure gave no value for metric 'income.no_such_metric'")]
    [InlineData("unknown-county", "no county-level unit named '永安县'")]
    public async Task Verify_failures_are_one_error_line_and_exit_code_1(string problem, string message)
    {
        var directory = Path.Combine(fixture.Directory, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var claims = problem switch
        {
            "missing-claims" => Path.Combine(directory, "nothing.json"),
            "bad-period" => WriteClaims(fixture, "yongan.income-growth", period: "2019–2021"),
            "unknown-metric" => WriteClaims(fixture, "yongan.income-growth", metric: "income.no_such_metric"),
            "unknown-county" => WriteClaims(fixture, "yongan.income-growth", county: "永安县"),
            _ => ClaimVerifier.DefaultClaimsPath,
        };
        var warehouse = problem == "missing-warehouse" ? Path.Combine(directory, "none.duckdb") : fixture.WarehousePath;

        var (exit, _, error) = await RunAsync("verify", "--warehouse", warehouse, "--claims", claims);

        Assert.Equal(1, exit);
        var errorLine = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains(message, errorLine);
    }

    [Fact]
    public async Task An_unknown_option_is_a_usage_error()
    {
        var (exit, _, error) = await RunAsync("verify", "--no-such-option");

        Assert.NotEqual(0, exit);
        Assert.Contains("--no-such-option", error);
    }

    [Fact]
    public async Task Creating_the_metric_views_again_replaces_them_as_an_incremental_run_does()
    {
        var copy = fixture.CopyWarehouse();
        await using (var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={copy}"))
        {
            await connection.OpenAsync();
            await MetricViews.CreateAsync(connection, CancellationToken.None);
        }

        var (exit, _, error) = await RunAsync("verify", "--warehouse", copy);
        Assert.True(exit == 0, error);
    }

    /// <summary>The claims' source documents, kept with the claims (copies of the design seeds 001 and 002).</summary>
    private static string SeedsDirectory
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Analytics.sln")))
            {
                directory = directory.Parent;
            }

            return Path.Combine(directory!.FullName, "etl", "Analytics.Etl", "Claims", "sources");
        }
    }

    /// <summary>The seeds mix full-width and ASCII punctuation and quote marks; compare the words.</summary>
    private static string Normalize(string text) => new(text
        .Replace('，', ',').Replace('（', '(').Replace('）', ')')
        .Where(c => !char.IsWhiteSpace(c) && c is not ('“' or '”' or '"' or '「' or '」')).ToArray());

    /// <summary>A copy of the shipped claims file with one claim changed.</summary>
    private static string WriteClaims(
        DemoWarehouseFixture fixture, string id, double? printed = null, string? period = null, string? metric = null, string? county = null,
        string? unverifiable = null)
    {
        var document = JsonNode.Parse(File.ReadAllText(ClaimVerifier.DefaultClaimsPath))!;
        var claim = document["claims"]!.AsArray().Single(c => (string?)c!["id"] == id)!;
        if (printed is { } value)
        {
            claim["value"] = (decimal)value;
        }

        if (period is not null)
        {
            claim["period"] = period;
        }

        if (metric is not null)
        {
            claim["metric"] = metric;
        }

        if (county is not null)
        {
            claim["county"] = county;
        }

        if (unverifiable is not null)
        {
            claim["unverifiable"] = unverifiable;
        }

        var path = Path.Combine(fixture.Directory, $"claims-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, document.ToJsonString());
        return path;
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await EtlCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
