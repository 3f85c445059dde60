using Analytics.Api.Security;
using Analytics.Api.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Api.Tests.Security;

/// <summary><c>dotnet run --project src/Analytics.Api -- token …</c>: prints a token the API accepts, or says what is wrong.</summary>
[Collection(ApiCollection.Name)]
public sealed class TokenCommandTests(ApiFactory factory)
{
    private IConfiguration Configuration => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:SigningKey"] = factory.Services.GetRequiredService<AuthOptions>().SigningKey })
        .Build();

    [Fact]
    public async Task The_printed_token_signs_in_a_county_officer_of_its_county()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = TokenCommand.Run(["token", "--role", "county-officer", "--county", "永安市", "--name", "王芳", "--hours", "1"], Configuration, output, error);
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
    public void Bad_arguments_print_why_and_exit_2(string reason, params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = TokenCommand.Run(["token", .. arguments], Configuration, output, error);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output.ToString());
        Assert.Contains("usage: token", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(reason, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(reason, error.ToString().Split(Environment.NewLine)[0]); // the reason first, then the usage
    }

    [Fact]
    public void Without_a_signing_key_it_says_how_to_configure_one()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = TokenCommand.Run(["token", "--role", "admin"], new ConfigurationBuilder().Build(), output, error);

        Assert.Equal(2, exitCode);
        Assert.Contains("Auth:SigningKey is not configured", error.ToString(), StringComparison.Ordinal);
    }
}
