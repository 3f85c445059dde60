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
        Assert.Equal(36, results.Count);
        Assert.All(results,
            r => Assert.True(r.Verdict == ClaimVerdict.Pass, $"{r.Claim.Id}: printed {r.Printed}, computed {r.ComputedText} ({r.Detail})"));
        // 三元区's new-business-form organization coverage: 65 of its 67 新业态 enterprises have a party organization.
        Assert.Equal(65m / 67m, Assert.Single(results, r => r.Claim.Id == "sanyuan.new-business-coverage").Computed!.Value, 10);
    }

    [Fact]
    public async Task The_claims_file_holds_every_figure_of_domain_md()
    {
        var claims = ClaimVerifier.LoadClaims();

        // DOMAIN.md: 永安市 14 rows (2 of them "a / b") = 16 figures and 驻外商会流动党组织, 惠及群众; 三元区 12 rows
        // (4 "a / b", one "a / b / c") = 17 and 乡镇青年党支部.
        Assert.Equal(18, claims.Count(c => c.County == "永安市"));
        Assert.Equal(18, claims.Count(c => c.County == "三元区"));
        Assert.All(claims, c => Assert.Contains(c.Source, new[] { "001_5bc6a8d6376a05c2.txt", "002_81af74b2c66c7b41.txt" }));
        // Every quote, and the words each date is derived from, are the document's own: they appear in the seed (…
        // marks an ellipsis in the quote), and so do the figures listed as outside the data model.
        foreach (var (id, source, quote) in claims.SelectMany(c => new[] { (c.Id, c.Source, c.Quote), (c.Id + " asOf", c.Source, c.AsOfQuote) })
            .Concat(ClaimVerifier.LoadNotClaimed().Select(f => (f.Printed, f.Source, f.Quote))))
        {
            var document = await File.ReadAllTextAsync(Path.Combine(SeedsDirectory, source));
            Assert.All(quote.Split('…'), part => Assert.True(
                Normalize(document).Contains(Normalize(part), StringComparison.Ordinal), $"{id}: '{part}' not in {source}"));
        }
    }

    [Fact]
    public void Every_printed_figure_of_the_two_articles_is_a_claim_or_says_why_not()
    {
        var claimed = ClaimVerifier.LoadClaims();
        var notClaimed = ClaimVerifier.LoadNotClaimed();

        // The printed figure of each entry is in its quote, and the reason is given.
        Assert.All(claimed, c => Assert.Contains(Normalize(c.Printed == "清零" ? "清零" : c.Printed.TrimEnd('个', '件', '名', '场', '次', '人', '支', '家')), Normalize(c.Quote)));
        Assert.All(notClaimed, f => Assert.False(string.IsNullOrWhiteSpace(f.Reason), f.Quote));
        Assert.Contains(claimed, c => c.Printed == "5个" && c.Quote.Contains("驻外商会流动党组织", StringComparison.Ordinal));
        Assert.Contains(claimed, c => c.Printed == "5个" && c.Quote.Contains("乡镇青年党支部", StringComparison.Ordinal));
        Assert.Contains(claimed, c => c.Printed == "3万余人" && c.Quote.Contains("惠及群众", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_claim_carries_the_day_its_article_speaks_of()
    {
        var claims = ClaimVerifier.LoadClaims();

        // Neither article prints its date: 001 reports the study of the 20th Party Congress (closed 2022-10-22), 002
        // names no year after 2021. A claim over stated years (2019年至2021年) speaks of the end of its last year.
        Assert.All(claims.Where(c => c.Period == "to date"), c => Assert.Equal(
            c.County == "永安市" ? new DateOnly(2022, 10, 22) : new DateOnly(2021, 12, 31), c.AsOf));
        Assert.All(claims.Where(c => c.Years.Last is not null), c => Assert.Equal(new DateOnly(c.Years.Last!.Value, 12, 31), c.AsOf));
    }

    [Fact]
    public async Task The_sentence_is_filled_with_the_computed_value()
    {
        var growth = Assert.Single(await ClaimVerifier.VerifyAsync(fixture.WarehousePath), r => r.Claim.Id == "yongan.income-growth");

        Assert.Equal("2019年至2021年，全市村集体经营性收入增长30.81%", growth.Sentence);
        Assert.Equal(0.3081m, Math.Round(growth.Computed!.Value, 4));
    }

    [Theory]
    [InlineData("yongan.income-growth", "30.82%", 30.82, "30.8100% is outside 30.815–30.825%")] // percent at the printed precision
    [InlineData("yongan.villages", "176个", 176, "175 ≠ printed 176个")]                        // exact
    [InlineData("yongan.four-step-cases", "1700余件", 1700, "1650 is outside 1700–1799")]     // 1650 resolved is not "1700余"
    [InlineData("yongan.four-step-cases", "1600件", 1600, "1650 ≠ printed 1600件")]           // 余 edited away: exact
    [InlineData("yongan.rotation-problems", "650个", 650, "655 ≠ printed 650个")]             // 多 edited away: exact
    [InlineData("yongan.rotation-problems", "640多个", 640, "655 is outside 640–649")]       // 多 still, one step lower
    [InlineData("sanyuan.cross-village-share", "44.5%", 44.5, "44.59")]                      // 33 / 74 = 44.59…% rounds to 44.6
    [InlineData("sanyuan.self-operated-income", "99%", 99, "100% is outside 98.5–99.5%")]
    public async Task A_changed_printed_figure_makes_verify_fail(string id, string printed, double value, string detail)
    {
        var claims = WriteClaims(fixture, id, printed: (printed, value));

        var result = Assert.Single(await ClaimVerifier.VerifyAsync(fixture.WarehousePath, claims), r => r.Claim.Id == id);
        var (exit, _, error) = await RunAsync("verify", "--warehouse", fixture.WarehousePath, "--claims", claims);

        Assert.Equal(ClaimVerdict.Fail, result.Verdict);
        Assert.Contains(detail, result.Detail);
        Assert.Equal(1, exit);
        Assert.Contains($"error: 1 of 36 published claims failed: {id} (", error);
    }

    [Theory]
    [InlineData("sanyuan.cadre-stewards", "2300余名")] // 余 and 多 read alike
    [InlineData("yongan.four-step-cases", "1650件")]    // the exact figure is exact
    [InlineData("yongan.four-step-cases", "1000余件")]  // 1000余 reads 1000–1999
    public async Task A_printed_figure_the_data_still_reproduces_passes(string id, string printed)
    {
        var claims = WriteClaims(fixture, id, printed: (printed, (double)PrintedFigure.Parse(printed).Value));

        var result = Assert.Single(await ClaimVerifier.VerifyAsync(fixture.WarehousePath, claims), r => r.Claim.Id == id);

        Assert.Equal(ClaimVerdict.Pass, result.Verdict);
    }

    [Theory]
    [InlineData("yongan.villages", "176个", 175, "claim yongan.villages: printed '176个' reads 176, but its value is 175.")]
    [InlineData("yongan.rotation-beneficiaries", "3万余人", 3, "claim yongan.rotation-beneficiaries: printed '3万余人' reads 30000, but its value is 3.")]
    [InlineData("yongan.villages", "约175个", 175, "claim yongan.villages: '约175个' is not a printed figure")]
    public async Task A_claims_file_whose_printed_text_and_value_disagree_is_refused(string id, string printed, double value, string message)
    {
        var claims = WriteClaims(fixture, id, printed: (printed, value));

        var (exit, output, error) = await RunAsync("verify", "--warehouse", fixture.WarehousePath, "--claims", claims);

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains(message, Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task A_claim_the_warehouse_cannot_compute_is_reported_and_fails_verify()
    {
        var claims = WriteClaims(fixture, "yongan.mobile-members", unverifiable: "no register of mobile members");

        var (exit, _, error) = await RunAsync("verify", "--warehouse", fixture.WarehousePath, "--claims", claims);

        Assert.Equal(1, exit);
        Assert.Contains("36 claims: 35 passed, 0 failed, 1 not verifiable (yongan.mobile-members: no register of mobile members).", error);
        Assert.Contains("error: 1 of 36 published claims cannot be verified from the warehouse: yongan.mobile-members (no register of mobile members)", error);
    }

    [Fact]
    public async Task Verify_exits_0_and_prints_one_row_per_claim()
    {
        var (exit, output, error) = await RunAsync("verify", "--warehouse", fixture.WarehousePath);

        Assert.True(exit == 0, error);
        Assert.Contains("claim", output.Split('\n')[0]);
        Assert.Contains("(36 rows)", output);
        Assert.Matches(@"yongan\.income-growth\s+\|\s+永安市\s+\|.*\|\s+30\.81%\s+\|\s+30\.81%\s+\|\s+Pass", output);
        Assert.Contains("36 claims: 36 passed, 0 failed", error);
    }

    [Fact]
    public async Task Verify_writes_csv_and_json()
    {
        var (csvExit, csv, _) = await RunAsync("verify", "--warehouse", fixture.WarehousePath, "--format", "csv");
        var (jsonExit, json, _) = await RunAsync("verify", "--warehouse", fixture.WarehousePath, "--format", "json");

        Assert.Equal([0, 0], [csvExit, jsonExit]);
        var lines = csv.TrimEnd().Split('\n');
        Assert.Equal("claim,county,metric,period,as of,printed,computed,verdict,detail,sentence", lines[0].TrimEnd('\r'));
        Assert.Equal(37, lines.Length);
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
        DemoWarehouseFixture fixture, string id, (string Text, double Value)? printed = null, string? period = null, string? metric = null,
        string? county = null, string? unverifiable = null)
    {
        var document = JsonNode.Parse(File.ReadAllText(ClaimVerifier.DefaultClaimsPath))!;
        var claim = document["claims"]!.AsArray().Single(c => (string?)c!["id"] == id)!;
        if (printed is { } figure)
        {
            claim["printed"] = figure.Text;
            claim["value"] = (decimal)figure.Value;
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
