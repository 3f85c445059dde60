using Analytics.Api.Security;
using Analytics.Api.Tests.Infrastructure;
using Analytics.Data;
using Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Api.Tests.Security;

/// <summary><c>dotnet run --project src/Analytics.Api -- token …</c>: prints a token the API accepts, or says what is wrong.</summary>
[Collection(ApiCollection.Name)]
public sealed class TokenCommandTests(ApiFactory factory)
{
    private IConfiguration Configuration => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = factory.Services.GetRequiredService<AuthOptions>().SigningKey,
            ["ConnectionStrings:Operational"] = factory.Services.GetRequiredService<IConfiguration>().GetConnectionString("Operational"),
        })
        .Build();

    [Fact]
    public async Task The_printed_token_signs_in_a_county_officer_of_its_county()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await TokenCommand.RunAsync(["token", "--role", "county-officer", "--county", "永安市", "--name", "王芳", "--hours", "1"], Configuration, output, error);
        var data = (await factory.CreateGraphQLClient().WithToken(output.ToString().Trim())
            .PostQueryAsync("{ regions(where: { level: { eq: COUNTY } }) { nodes { name } } }")).AssertData();

        Assert.Equal(0, exitCode);
        Assert.Equal("", error.ToString());
        Assert.Equal("永安市", (string?)data["regions"]!["nodes"]!.AsArray().Single()!["name"]);
    }

    [Theory]
    [InlineData("A county-officer token needs --county (e.g. 永安市).", "--role", "county-officer")]
    [InlineData("Unknown role 'root'; one of: admin, county-officer, analyst, publicity.", "--role", "root")]
    [InlineData("--role is required.", "--county", "永安市")]
    [InlineData("--hours must be 1 to 168.", "--role", "admin", "--hours", "100000")]
    [InlineData("Unknown option --colour.", "--role", "admin", "--colour", "red")]
    [InlineData("Unexpected argument '--name'.", "--role", "admin", "--name")]
    public async Task Bad_arguments_print_why_and_exit_2(string reason, params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await TokenCommand.RunAsync(["token", .. arguments], Configuration, output, error);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output.ToString());
        Assert.Contains("usage: token", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(reason, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(reason, error.ToString().Split(Environment.NewLine)[0]); // the reason first, then the usage
    }

    [Fact]
    public async Task A_county_that_is_not_one_is_refused_at_minting_listing_the_counties()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OperationalDbContext>>().CreateDbContextAsync();
        var counties = await db.Regions.Where(r => r.Level == RegionLevel.County).OrderBy(r => r.Path).Select(r => r.Name).ToListAsync();

        var exitCode = await TokenCommand.RunAsync(["token", "--role", "county-officer", "--county", "永安"], Configuration, output, error);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output.ToString());
        Assert.Equal($"'永安' is not a county-level unit; one of: {string.Join(", ", counties)}.", error.ToString().Split(Environment.NewLine)[0]);
        Assert.Contains("永安市", counties);
    }

    [Fact]
    public async Task Without_a_store_a_county_cannot_be_checked_and_no_store_is_created()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var missing = Path.Combine(Path.GetTempPath(), $"no-store-{Guid.NewGuid():N}", "operational.db");
        var configuration = new ConfigurationBuilder().AddConfiguration(Configuration)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Operational"] = $"Data Source={missing}" }).Build();

        var exitCode = await TokenCommand.RunAsync(["token", "--role", "county-officer", "--county", "永安市"], configuration, output, error);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output.ToString());
        Assert.StartsWith($"Cannot check --county 永安市: there is no operational store at {missing}; start the API once", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public async Task Without_a_signing_key_it_says_how_to_configure_one()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await TokenCommand.RunAsync(["token", "--role", "admin"], new ConfigurationBuilder().Build(), output, error);

        Assert.Equal(2, exitCode);
        Assert.Contains("Auth:SigningKey is not configured", error.ToString(), StringComparison.Ordinal);
    }
}
