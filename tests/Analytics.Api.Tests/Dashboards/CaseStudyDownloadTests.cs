using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Analytics.Api.Tests.Infrastructure;
using Analytics.Etl.Warehouse;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Analytics.Api.Tests.Dashboards;

/// <summary>
/// /dashboards/casestudy/{county}.pdf, printed by Chromium where it is installed and a clear 503 where it is not, and
/// /dashboards/casestudy/formats, which tells the page which formats this host can make.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CaseStudyDownloadTests(ApiFactory factory)
{
    [ChromiumFact]
    public async Task The_pdf_is_the_html_sheet_printed_on_a4_by_chromium()
    {
        using var response = await factory.CreateGraphQLClient().GetAsync("/dashboards/casestudy/永安市.pdf");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("casestudy-永安市.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
        var text = Encoding.Latin1.GetString(pdf);
        // Pages: the summary, the verification table, a page (or more) per theme, the sources.
        var pages = Regex.Matches(text, @"/Type\s*/Page[^s]").Count;
        Assert.True(pages >= 2 + 6, $"{pages} pages");
        // A4 (595 × 842 pt): the summary portrait, wide tables landscape.
        var boxes = Regex.Matches(text, @"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]").Select(m => (W: double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), H: double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.All(boxes, b => Assert.True(Math.Abs(Math.Min(b.W, b.H) - 595) < 2 && Math.Abs(Math.Max(b.W, b.H) - 842) < 2, $"{b.W} × {b.H} is not A4"));
        Assert.Contains(boxes, b => b.W > b.H);
        // The summary takes one page: the first is portrait, the second (the wide verification table) landscape.
        Assert.True(boxes[0].H > boxes[0].W && boxes[1].W > boxes[1].H, string.Join(", ", boxes.Select(b => $"{b.W}×{b.H}")));
        // The document's title (the page's <title>, UTF-16 in the PDF's info) names the county.
        var title = Regex.Match(text, @"/Title\s*<FEFF([0-9A-F]+)>");
        Assert.True(title.Success, "no title");
        Assert.StartsWith("永安市", Encoding.BigEndianUnicode.GetString(Convert.FromHexString(title.Groups[1].Value)), StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task With_chromium_every_format_is_listed_available()
    {
        var formats = await factory.CreateGraphQLClient().GetFromJsonAsync<JsonElement>("/dashboards/casestudy/formats");

        Assert.Equal(["md", "html", "xlsx", "pdf"], formats.GetProperty("formats").EnumerateArray().Select(f => f.GetProperty("format").GetString()));
        Assert.All(formats.GetProperty("formats").EnumerateArray(), f => Assert.True(f.GetProperty("available").GetBoolean()));
    }

    [Fact]
    public async Task Without_chromium_the_pdf_is_a_503_saying_why_and_the_formats_say_it_is_unavailable()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-chromium-{Guid.NewGuid():N}");
        await using var api = factory.WithWebHostBuilder(builder => builder.UseSetting("Dashboards:Chromium", missing));
        var client = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            .WithToken(ApiTokens.Mint(api.Services, Api.Security.ApiRoles.Admin));

        using var pdf = await client.GetAsync("/dashboards/casestudy/永安市.pdf");
        Assert.Equal(503, (int)pdf.StatusCode);
        Assert.Equal("application/problem+json", pdf.Content.Headers.ContentType?.MediaType);
        var problem = await pdf.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(CaseStudyPdf.UnavailableCode, problem.GetProperty("code").GetString());
        Assert.Contains($"no Chromium at {missing}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The other formats still download.
        using var html = await client.GetAsync("/dashboards/casestudy/永安市.html");
        Assert.Equal(200, (int)html.StatusCode);

        var formats = (await client.GetFromJsonAsync<JsonElement>("/dashboards/casestudy/formats")).GetProperty("formats").EnumerateArray().ToList();
        Assert.Equal(["md", "html", "xlsx", "pdf"], formats.Select(f => f.GetProperty("format").GetString()));
        Assert.All(formats.SkipLast(1), f => Assert.True(f.GetProperty("available").GetBoolean()));
        var pdfFormat = formats[^1];
        Assert.False(pdfFormat.GetProperty("available").GetBoolean());
        Assert.Equal("application/pdf", pdfFormat.GetProperty("mediaType").GetString());
        Assert.Equal(CaseStudyPdf.UnavailableCode, pdfFormat.GetProperty("code").GetString());
        Assert.Contains(missing, pdfFormat.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pdf_needs_a_token_as_the_other_downloads_and_the_formats_do_not()
    {
        var anonymous = factory.CreateGraphQLClient().WithToken(null);

        using var pdf = await anonymous.GetAsync("/dashboards/casestudy/永安市.pdf");
        Assert.Equal(401, (int)pdf.StatusCode);

        using var formats = await anonymous.GetAsync("/dashboards/casestudy/formats");
        Assert.Equal(200, (int)formats.StatusCode);
    }
}
