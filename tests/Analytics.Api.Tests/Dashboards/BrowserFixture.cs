using Analytics.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Analytics.Api.Tests.Dashboards;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, or <c>ANALYTICS_CHROMIUM</c>) driven by Playwright — never a downloaded
/// browser — against the API on a real loopback port (a browser cannot reach the in-memory test server). With
/// <c>ANALYTICS_DASHBOARD_URL</c> set, the tests drive an API already running there instead (e.g. over the scale-10
/// store, to measure the load time).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("ANALYTICS_CHROMIUM") is { Length: > 0 } path
        ? path
        : "/usr/bin/chromium";

    private ApiFactory? _api;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>A bearer token the page is opened with (<c>?token=</c>): an analyst's, as a dashboard user's would be.</summary>
    public string Token { get; private set; } = "";

    /// <summary>
    /// A token of another role (the sign-in tests): minted by the in-process API; an API already running elsewhere
    /// (<c>ANALYTICS_DASHBOARD_URL</c>) signs with a key these tests do not have.
    /// </summary>
    public string TokenFor(string role, string? county = null, string? name = null) =>
        _api is null
            ? throw new InvalidOperationException("Tokens of other roles are minted by the in-process API: unset ANALYTICS_DASHBOARD_URL to run the sign-in tests.")
            : ApiTokens.Mint(_api.Services, role, county, name);

    /// <summary>The API's base address, ending in a slash.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Screenshots and traces: <c>ANALYTICS_TEST_ARTIFACTS</c>, else <c>TestResults/dashboards/</c> at the repository root (not committed).</summary>
    public static string ArtifactsFolder { get; } = Directory.CreateDirectory(
        Environment.GetEnvironmentVariable("ANALYTICS_TEST_ARTIFACTS") is { Length: > 0 } folder
            ? folder
            : Path.Combine(RepositoryPaths.Root, "TestResults", "dashboards")).FullName;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            return; // The tests skip, saying why (ChromiumFactAttribute).
        }

        if (Environment.GetEnvironmentVariable("ANALYTICS_DASHBOARD_URL") is { Length: > 0 } url)
        {
            BaseAddress = new Uri(url.TrimEnd('/') + "/");
            Token = Environment.GetEnvironmentVariable("ANALYTICS_DASHBOARD_TOKEN") ?? "";
        }
        else
        {
            // As in production with the allow-list on: the page must work by documentId alone.
            _api = new ApiFactory(kestrel: true, persistedDocumentsOnly: true);
            await _api.InitializeAsync();
            var addresses = _api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            BaseAddress = new Uri(addresses.First().Replace("//[::]", "//127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
            Token = ApiTokens.Mint(_api.Services, Api.Security.ApiRoles.Analyst, name: "dashboard-test");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchAsync(_playwright);
    }

    /// <summary>Debian's Chromium, headless.</summary>
    internal static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _api?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Dashboard in Chromium";
}

/// <summary>A test that needs Chromium: skipped, saying so, where it is not installed (CI installs it).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(BrowserFixture.ChromiumPath))
        {
            Skip = $"Chromium is not installed at {BrowserFixture.ChromiumPath}: `apt-get install -y chromium fonts-wqy-zenhei` "
                + "(as .ci/run does) or set ANALYTICS_CHROMIUM to a Chromium binary.";
        }
    }
}
