using System.Globalization;
using System.Text;
using Analytics.Api.GraphQL;
using Analytics.Api.Tests.Infrastructure;
using Analytics.Api.Warehouse;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Api.Tests.Metrics;

/// <summary>
/// 四联四促 on the whole demo city: the warehouse (metric_compliance_check, metric_pairing_overlap, built by the ETL from
/// the seeded store) and the live <c>complianceStatus</c> (the operational store) must say the same, rule by rule, for
/// every agency and every year the warehouse assesses.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ComplianceAgreementTests(ApiFactory factory)
{
    private const int AliasesPerRequest = 50;

    [Fact]
    public async Task Warehouse_and_live_compliance_agree_on_every_rule_and_overlap_for_every_agency_and_year()
    {
        var warehouse = (await RowsAsync("SELECT organization_key, year, rule, required, actual, is_met FROM metric_compliance_check"))
            .Select(r => $"{r[0]}|{r[1]}|{r[2]}|{r[3]}|{r[4]}|{r[5]}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var warehouseOverlaps = (await RowsAsync("""
            SELECT city_organization_key, year, region_key, county_organization_key FROM metric_pairing_overlap
            UNION ALL SELECT county_organization_key, year, region_key, city_organization_key FROM metric_pairing_overlap
            """))
            .Select(r => $"{r[0]}|{r[1]}|{r[2]}|{r[3]}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var agencies = (await RowsAsync("SELECT organization_key FROM dim_organization WHERE domain = 'Agency' ORDER BY 1")).Select(r => Convert.ToInt32(r[0], CultureInfo.InvariantCulture)).ToList();
        var years = (await RowsAsync("SELECT DISTINCT year FROM metric_compliance_check ORDER BY 1")).Select(r => Convert.ToInt32(r[0], CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(agencies);
        Assert.NotEmpty(years);

        var live = new List<string>();
        var liveOverlaps = new List<string>();
        var client = factory.CreateGraphQLClient();
        foreach (var year in years)
        {
            foreach (var chunk in agencies.Chunk(AliasesPerRequest))
            {
                var query = new StringBuilder("{");
                foreach (var id in chunk)
                {
                    query.Append(CultureInfo.InvariantCulture,
                        $$"""a{{id}}: complianceStatus(organizationId: "{{GlobalId.Encode("PartyOrganization", id)}}", year: {{year}}) { checks { rule required actual isMet } villageOverlaps { village { id } otherOrganization { id } } } """);
                }

                var data = (await client.PostQueryAsync(query.Append('}').ToString())).AssertData();
                foreach (var id in chunk)
                {
                    var status = data[$"a{id}"]!;
                    live.AddRange(status["checks"]!.AsArray().Select(c =>
                        $"{id}|{year}|{Pascal((string)c!["rule"]!)}|{(int)c["required"]!}|{(int)c["actual"]!}|{(bool)c["isMet"]!}"));
                    liveOverlaps.AddRange(status["villageOverlaps"]!.AsArray().Select(o =>
                        $"{id}|{year}|{GlobalId.Decode((string)o!["village"]!["id"]!).Id}|{GlobalId.Decode((string)o["otherOrganization"]!["id"]!).Id}"));
                }
            }
        }

        live.Sort(StringComparer.Ordinal);
        liveOverlaps.Sort(StringComparer.Ordinal);
        Assert.Equal(warehouse.Count, live.Count);
        Assert.Equal(warehouse, live);
        Assert.Equal(warehouseOverlaps, liveOverlaps);

        // The comparison covers the cases the notice turns on: agencies without a village pairing, late pairings, shared villages.
        Assert.Contains(warehouse, r => r.Contains("|LeaderVisits|1|0|False", StringComparison.Ordinal));
        Assert.Contains(warehouse, r => r.Contains("|VillagePairedByJune|1|0|False", StringComparison.Ordinal));
        Assert.Contains(warehouse, r => r.EndsWith("|True", StringComparison.Ordinal));
        Assert.Contains(warehouse, r => r.Contains("|InServiceMembersQuarterly|", StringComparison.Ordinal) && r.EndsWith("|False", StringComparison.Ordinal));
        Assert.Contains(warehouse, r => r.Contains("|InServiceMembersQuarterly|", StringComparison.Ordinal) && !r.Contains("|0|0|", StringComparison.Ordinal) && r.EndsWith("|True", StringComparison.Ordinal));
        Assert.NotEmpty(warehouseOverlaps);
    }

    [Fact]
    public async Task No_agency_without_a_village_pairing_meets_the_leader_visit_rule_in_the_warehouse()
    {
        // Derived independently of metric_compliance_check: agencies with no 四联四促 village pairing in force in a year.
        var unpaired = await RowsAsync("""
            WITH years AS (SELECT DISTINCT year FROM metric_pairing_compliance)
            SELECT o.organization_key, y.year
            FROM dim_organization o CROSS JOIN years y
            WHERE o.domain = 'Agency' AND NOT EXISTS (
                SELECT 1 FROM fact_pairing p
                WHERE p.organization_key = o.organization_key AND p.program = 'FourLinks' AND p.target_kind = 'Village'
                  AND year(p.from_on) <= y.year AND (p.to_on IS NULL OR year(p.to_on) >= y.year))
            """);
        Assert.NotEmpty(unpaired);

        foreach (var row in unpaired)
        {
            var met = await RowsAsync($"SELECT leader_visits_met FROM metric_pairing_compliance WHERE organization_key = {row[0]} AND year = {row[1]}");
            Assert.Equal(false, Assert.Single(met)[0]);
        }
    }

    private static string Pascal(string graphQLEnum) =>
        string.Concat(graphQLEnum.Split('_').Select(w => w[..1] + w[1..].ToLowerInvariant()));

    private WarehouseConnections Warehouse => factory.Services.GetRequiredService<WarehouseConnections>();

    private async Task<List<object?[]>> RowsAsync(string sql)
    {
        await using var session = await Warehouse.OpenAsync();
        await using var command = session.Connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray());
        }

        return rows;
    }
}
