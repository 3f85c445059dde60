using System.Diagnostics;
using System.Text;

namespace Analytics.Etl.Warehouse;

/// <summary>Why a PDF could not be made: <see cref="Code"/> is <see cref="CaseStudyPdf.UnavailableCode"/> when there is no
/// Chromium to print with, <see cref="CaseStudyPdf.FailedCode"/> when Chromium ran and gave no PDF.</summary>
public sealed class CaseStudyPdfException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>
/// The case study as PDF: the HTML sheet (<see cref="CaseStudySheets.WriteHtmlAsync"/>, with its A4 print styles)
/// printed by Debian's Chromium in headless mode (<c>--print-to-pdf</c>), in a temporary folder with its own profile,
/// with a time limit. Chromium is <c>/usr/bin/chromium</c> unless configured or set in <c>ANALYTICS_CHROMIUM</c>.
/// </summary>
public static class CaseStudyPdf
{
    public const string ChromiumVariable = "ANALYTICS_CHROMIUM";
    public const string DefaultChromium = "/usr/bin/chromium";
    public const string UnavailableCode = "PDF_UNAVAILABLE";
    public const string FailedCode = "PDF_RENDER_FAILED";

    /// <summary>How long Chromium may take to print one case study before it is stopped.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>At most two Chromiums print at once in this process (each takes a few hundred MB); others wait their turn.</summary>
    private static readonly SemaphoreSlim Printers = new(2, 2);

    /// <summary>The Chromium to print with: <paramref name="configured"/>, else <c>ANALYTICS_CHROMIUM</c>, else /usr/bin/chromium.</summary>
    public static string ChromiumPath(string? configured = null) =>
        configured is { Length: > 0 } ? configured
        : Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path
        : DefaultChromium;

    /// <summary>Why no PDF can be made with that Chromium (it is not there), or null when one can be tried.</summary>
    public static string? Unavailable(string? configured = null)
    {
        var path = ChromiumPath(configured);
        return File.Exists(path)
            ? null
            : $"PDF is unavailable: no Chromium at {path} (install Debian's chromium and fonts-wqy-zenhei, or set {ChromiumVariable} "
              + "to a Chromium binary); md, html and xlsx are available.";
    }

    /// <summary>Prints the case study's HTML sheet to PDF and writes it to <paramref name="output"/>.</summary>
    /// <exception cref="CaseStudyPdfException">No Chromium, or it failed or ran out of time (the message says which).</exception>
    public static async Task WriteAsync(
        CaseStudy study, Stream output, string? chromium = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (Unavailable(chromium) is { } reason)
        {
            throw new CaseStudyPdfException(UnavailableCode, reason);
        }

        await Printers.WaitAsync(cancellationToken);
        var folder = Directory.CreateTempSubdirectory("casestudy-pdf-").FullName;
        try
        {
            var html = Path.Combine(folder, "casestudy.html");
            var pdf = Path.Combine(folder, "casestudy.pdf");
            await using (var writer = new StreamWriter(html, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                await CaseStudySheets.WriteHtmlAsync(study, writer);
            }

            await RunAsync(ChromiumPath(chromium), folder, html, pdf, timeout ?? DefaultTimeout, cancellationToken);
            await using var file = File.OpenRead(pdf);
            await file.CopyToAsync(output, cancellationToken);
        }
        finally
        {
            Printers.Release();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A Chromium helper still holding its profile: the system's temporary folder cleaning takes it.
            }
        }
    }

    private static async Task RunAsync(string chromium, string folder, string html, string pdf, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var argument in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions", "--no-first-run",
                     "--no-default-browser-check", "--disable-dev-shm-usage", "--no-pdf-header-footer",
                     $"--user-data-dir={Path.Combine(folder, "profile")}", $"--print-to-pdf={pdf}", new Uri(html).AbsoluteUri,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new CaseStudyPdfException(UnavailableCode, $"PDF is unavailable: cannot start {chromium} ({ex.Message}).");
        }

        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            throw new CaseStudyPdfException(FailedCode, $"Chromium ({chromium}) did not print the PDF within {timeout.TotalSeconds:0} s and was stopped.");
        }

        var stderr = await error;
        if (process.ExitCode != 0 || !File.Exists(pdf) || !StartsWithPdfHeader(pdf))
        {
            var last = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no message";
            throw new CaseStudyPdfException(FailedCode, $"Chromium ({chromium}) exited with code {process.ExitCode} without a PDF: {last}");
        }
    }

    private static bool StartsWithPdfHeader(string path)
    {
        Span<byte> header = stackalloc byte[5];
        using var file = File.OpenRead(path);
        return file.ReadAtLeast(header, 5, throwOnEndOfStream: false) == 5 && header.SequenceEqual("%PDF-"u8);
    }
}
