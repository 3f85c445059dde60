using Analytics.Api.Tests.Infrastructure;
using Analytics.Domain;

namespace Analytics.Api.Tests.Querying;

/// <summary>Aggregates against the same figures computed with LINQ over the rows.</summary>
[Collection(ApiCollection.Name)]
public sealed class AggregateTests(ApiFactory factory)
{
    [Fact]
    public async Task Income_aggregates_honour_the_filter_and_ignore_paging()
    {
        var rows = (await factory.AllAsync<CollectiveIncome>()).Where(i => i.Year == 2021).ToList();

        var aggregate = (await factory.CreateGraphQLClient().PostQueryAsync("""
            {
              collectiveIncomes(first: 1, where: { year: { eq: 2021 } }) {
                totalCount
                nodes { id }
                aggregate {
                  count
                  sum { operatingIncome selfOperatedIncome year }
                  avg { operatingIncome }
                  min { operatingIncome updatedAt }
                  max { operatingIncome totalIncome }
                }
              }
            }
            """)).AssertData()["collectiveIncomes"]!;

        Assert.Single(aggregate["nodes"]!.AsArray());
        var a = aggregate["aggregate"]!;
        Assert.Equal(rows.Count, (int)a["count"]!);
        Assert.Equal(rows.Count, (int)aggregate["totalCount"]!);
        Assert.Equal(rows.Sum(i => i.OperatingIncome), (decimal)a["sum"]!["operatingIncome"]!);
        Assert.Equal(rows.Sum(i => i.SelfOperatedIncome), (decimal)a["sum"]!["selfOperatedIncome"]!);
        Assert.Equal(rows.Sum(i => (long)i.Year), (long)a["sum"]!["year"]!);
        Assert.Equal(rows.Average(i => i.OperatingIncome), (decimal)a["avg"]!["operatingIncome"]!, 10);
        Assert.Equal(rows.Min(i => i.OperatingIncome), (decimal)a["min"]!["operatingIncome"]!);
        Assert.Equal(rows.Max(i => i.OperatingIncome), (decimal)a["max"]!["operatingIncome"]!);
        Assert.Equal(rows.Max(i => i.TotalIncome), (decimal)a["max"]!["totalIncome"]!);
    }

    [Fact]
    public async Task Nullable_fields_average_over_their_values_and_times_have_extremes()
    {
        var cases = (await factory.AllAsync<Case>()).Where(c => c.Channel == CaseChannel.NightTalk).ToList();

        var a = (await factory.CreateGraphQLClient().PostQueryAsync("""
            {
              cases(where: { channel: { eq: NIGHT_TALK } }) {
                aggregate { count avg { satisfaction } min { reportedAt satisfaction } max { resolvedAt dueOn } }
              }
            }
            """)).AssertData()["cases"]!["aggregate"]!;

        Assert.Equal(cases.Count, (int)a["count"]!);
        Assert.Equal(cases.Where(c => c.Satisfaction is not null).Average(c => (double)c.Satisfaction!.Value), (double)a["avg"]!["satisfaction"]!, 9);
        Assert.Equal(cases.Min(c => c.Satisfaction), (int?)a["min"]!["satisfaction"]);
        Assert.Equal(cases.Min(c => c.ReportedAt), DateTimeOffset.Parse((string)a["min"]!["reportedAt"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(cases.Max(c => c.ResolvedAt), DateTimeOffset.Parse((string)a["max"]!["resolvedAt"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(cases.Max(c => c.DueOn)?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), (string?)a["max"]!["dueOn"]);
    }

    [Fact]
    public async Task Totals_and_aggregates_come_from_one_statement_and_no_page_is_read_when_none_is_asked_for()
    {
        var client = factory.CreateGraphQLClient();
        factory.SqlCommands.Reset();

        var data = (await client.PostQueryAsync(
            "{ cases(where: { channel: { eq: RED_STEWARD } }) { totalCount aggregate { count sum { satisfaction } avg { satisfaction } min { reportedAt } max { reportedAt } } } }")).AssertData()["cases"]!;

        Assert.Equal((int)data["totalCount"]!, (int)data["aggregate"]!["count"]!);
        Assert.True((int)data["totalCount"]! > 0);
        Assert.Equal(1, factory.SqlCommands.Count);
    }

    [Fact]
    public async Task Aggregates_over_nothing_are_zero_sums_and_null_extremes()
    {
        var a = (await factory.CreateGraphQLClient().PostQueryAsync("""
            { regions(where: { name: { eq: "no such place" } }) { aggregate { count sum { households } avg { households } min { households } } } }
            """)).AssertData()["regions"]!["aggregate"]!;

        Assert.Equal(0, (int)a["count"]!);
        Assert.Equal(0L, (long)a["sum"]!["households"]!);
        Assert.Null(a["avg"]!["households"]);
        Assert.Null(a["min"]!["households"]);
    }
}
