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
    [InlineData("--role", "county-officer")]
    [InlineData("--role", "root")]
    [InlineData("--county", "永安市")]
    [InlineData("--role", "admin", "--hours", "100000")]
    [InlineData("--role", "admin", "--colour", "red")]
    public void Bad_arguments_print_why_and_exit_2(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = TokenCommand.Run(["token", .. arguments], Configuration, output, error);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output.ToString());
        Assert.Contains("usage: token", error.ToString(), StringComparison.Ordinal);
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
