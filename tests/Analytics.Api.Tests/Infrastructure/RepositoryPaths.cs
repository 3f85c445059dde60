namespace Analytics.Api.Tests.Infrastructure;

/// <summary>Where the repository's own files (README, dashboards, project files) are, from the test assembly's folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding Analytics.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

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
