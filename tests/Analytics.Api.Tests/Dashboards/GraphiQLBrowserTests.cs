using Analytics.Api.GraphQL.Ide;
using Analytics.Api.Security;
using Analytics.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Analytics.Api.Tests.Dashboards;

/// <summary>
/// The GraphiQL IDE of GET /graphql in Debian's Chromium, as a BI developer first meets the API: it loads the schema
/// with a token (docs and autocompletion work), and without one it opens its headers pane on an Authorization template.
/// </summary>
public sealed class GraphiQLBrowserTests : IAsyncLifetime
{
    private ApiFactory? _api;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private Uri _baseAddress = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserFixture.ChromiumPath))
        {
            return; // ChromiumFact skips, saying why.
        }

        _api = new ApiFactory(kestrel: true);
        await _api.InitializeAsync();
        var address = _api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _baseAddress = new Uri(address.Replace("//[::]", "//127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        _playwright = await Playwright.CreateAsync();
        _browser = await BrowserFixture.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _api?.Dispose();
    }

    [ChromiumFact]
    public async Task With_a_token_the_ide_loads_the_schema_shows_docs_and_completes_fields()
    {
        var token = ApiTokens.Mint(_api!.Services, ApiRoles.Analyst, name: "graphiql-test");
        var page = await _browser!.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync(new Uri(_baseAddress, "graphql?token=" + Uri.EscapeDataString(token)).ToString());

        // The token left the address bar and went into the Authorization header the IDE sends.
        await page.WaitForURLAsync(url => !url.Contains("token=", StringComparison.Ordinal));
        // Docs: the explorer lists the root types, and Query's fields, from the introspected schema.
        await page.ClickAsync("[aria-label='Show Documentation Explorer']");
        var docs = page.Locator(".graphiql-doc-explorer");
        await docs.GetByText("Query", new() { Exact = true }).First.ClickAsync();
        await docs.Locator(".graphiql-doc-explorer-field-name", new() { HasText = "regions" }).First.WaitForAsync();
        Assert.True(await docs.GetByText("analytics", new() { Exact = true }).CountAsync() > 0);

        // Autocompletion: typing in the query editor offers the schema's fields.
        await page.ClickAsync(".graphiql-query-editor .CodeMirror");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.PressAsync("Delete");
        await page.Keyboard.TypeAsync("{ regio");
        await page.Keyboard.PressAsync("Control+Space");
        var hint = page.Locator(".CodeMirror-hints li", new() { HasText = "regions" }).First;
        await hint.WaitForAsync(new() { Timeout = 10_000 });

        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "graphiql.png"), FullPage = true });
        Assert.Equal(0, await page.Locator(".graphiql-spinner").CountAsync());
        Assert.Empty(errors);
    }

    [ChromiumFact]
    public async Task Without_a_token_the_headers_pane_opens_on_an_authorization_template()
    {
        var page = await _browser!.NewPageAsync();

        await page.GotoAsync(new Uri(_baseAddress, "graphql").ToString());

        var headers = page.Locator(".graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror-code");
        await headers.Filter(new() { HasText = "Authorization" }).First.WaitForAsync(new() { Timeout = 10_000 });
        var text = await headers.Filter(new() { HasText = "Authorization" }).First.InnerTextAsync();
        Assert.Contains("\"Authorization\": \"Bearer " + GraphiQLIde.TokenPlaceholder + "\"", text, StringComparison.Ordinal);
    }
}
