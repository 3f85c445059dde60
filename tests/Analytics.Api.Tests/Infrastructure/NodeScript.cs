using System.Diagnostics;

namespace Analytics.Api.Tests.Infrastructure;

/// <summary>
/// Runs a test script of <c>tests/Analytics.Api.Tests/**/node/</c> with Node.js against the npm packages the API's
/// build installs in <c>src/Analytics.Api/node_modules</c> (graphql, graphql-http: see its package.json). Fails, saying
/// what to do, when Node.js or those packages are missing: the build installs them wherever npm works.
/// </summary>
public static class NodeScript
{
    public static string NodeModules { get; } = Path.Combine(RepositoryPaths.Root, "src", "Analytics.Api", "node_modules");

    public static async Task<string> RunAsync(string script, string? input, TimeSpan timeout, params string[] arguments)
    {
        Assert.True(Directory.Exists(Path.Combine(NodeModules, "graphql")),
            $"{NodeModules} has no graphql package: build src/Analytics.Api with Node.js and npm installed (it runs `npm ci` there).");
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "tests", "Analytics.Api.Tests", script));
        start.ArgumentList.Add(NodeModules);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} ran longer than {timeout}: {await errors}");
        }

        Assert.True(process.ExitCode == 0, $"node {script} exited {process.ExitCode}: {await errors}");
        return await output;
    }
}
