namespace Analytics.Api.Tests.Infrastructure;

/// <summary>Where the repository's own files (README, dashboards, project files) are, from the test assembly's folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding Analytics.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary><c>src/Analytics.Api</c> → that project's built dll for this test build's configuration (Debug, Release).</summary>
    public static string BuildOutput(string project)
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(Root, project, "bin", framework.Parent!.Name, framework.Name, Path.GetFileName(project) + ".dll");
        return File.Exists(dll)
            ? dll
            : throw new InvalidOperationException($"{dll} is not built: the test project must reference {project}.");
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Analytics.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Analytics.sln above {AppContext.BaseDirectory}.");
    }
}
