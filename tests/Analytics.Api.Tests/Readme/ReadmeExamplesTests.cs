using Analytics.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Analytics.Api.Tests.Readme;

/// <summary>
/// A new user's first hour, replayed: every <c>bash</c> example of the README (and of the dashboards' README) runs in
/// order as it is written — the API started, tokens minted, curl, the ETL — against a throw-away store, and prints
/// the figures its section states. A README that drifts from the code fails here, naming the example. A block that
/// cannot run here (a SQL Server, a scale-10 store, the test suite itself) says why in a comment before it
/// (<c>&lt;!-- readme-test: not run, … --&gt;</c>); the figures a block must print are listed after it
/// (<c>&lt;!-- readme-test: prints … --&gt;</c>) and must be the figures its section states.
/// </summary>
public sealed class ReadmeExamplesTests(ITestOutputHelper output)
{
    /// <summary>In the order a new user reads them; the dashboards' README continues with the README's store.</summary>
    private static readonly string[] InReadingOrder = ["README.md", "dashboards/README.md"];

    public static TheoryData<string> Documents => new(InReadingOrder);

    [Fact]
    public async Task Every_example_runs_in_order_as_written_and_prints_the_figures_its_section_states()
    {
        // One throw-away store for both documents, as on the reader's machine (and one demo city to seed, not two).
        await using var runner = new ReadmeRunner();
        foreach (var block in InReadingOrder.SelectMany(Blocks))
        {
            if (block.NotRunBecause is { } reason)
            {
                output.WriteLine($"not run: {block}: {reason}");
                continue;
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            await runner.RunAsync(block);
            output.WriteLine($"ran {block} in {clock.Elapsed.TotalSeconds:0.0} s{(block.Expected.Count > 0 ? ", printed " + string.Join(" ", block.Expected) : "")}");
        }
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_figure_an_example_must_print_is_stated_in_its_section(string document)
    {
        var unstated = Blocks(document)
            .SelectMany(b => b.Expected.Where(figure => !b.Prose.Contains(figure, StringComparison.Ordinal)).Select(f => $"{b}: '{f}'"))
            .ToList();
        Assert.True(unstated.Count == 0, "Figures checked but not stated to the reader:\n" + string.Join("\n", unstated));
    }

    [Fact]
    public void The_readme_begins_with_the_two_commands_that_set_everything_up()
    {
        var first = Blocks("README.md")[0];

        Assert.Equal(["dotnet run --project src/Analytics.Api", "dotnet test"],
            first.Commands.Select(c => c.Text.Split('#')[0].Trim()));
        Assert.Equal(3, first.Line);
    }

    [Fact]
    public void Directives_attach_to_their_block_and_an_orphan_is_refused()
    {
        var blocks = ReadmeBlocks.Parse("doc.md", """
            # Start
            <!-- readme-test: not run, it needs a SQL Server -->
            ```bash
            export A=1 \
              B=2
            # a comment line
            dotnet run --project src/Analytics.Api
            ```
            Prints 175 villages.
            ```bash
            curl -s http://localhost:5080/health
            ```
            <!-- readme-test: prints 175 -->
            """);

        Assert.Equal("it needs a SQL Server", blocks[0].NotRunBecause);
        Assert.Equal(["export A=1    B=2", "dotnet run --project src/Analytics.Api"], blocks[0].Commands.Select(c => c.Text));
        Assert.Equal(["175"], blocks[1].Expected);
        Assert.Contains("Prints 175 villages.", blocks[1].Prose, StringComparison.Ordinal);
        Assert.DoesNotContain("readme-test", blocks[1].Prose, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => ReadmeBlocks.Parse("doc.md", "text\n<!-- readme-test: prints 1 -->\n"));
        Assert.Throws<FormatException>(() => ReadmeBlocks.Parse("doc.md", "<!-- readme-test: skip -->\n```bash\nls\n```\n"));
    }

    private static IReadOnlyList<ReadmeBlock> Blocks(string document) =>
        ReadmeBlocks.Parse(document, File.ReadAllText(Path.Combine(RepositoryPaths.Root, document)));
}
