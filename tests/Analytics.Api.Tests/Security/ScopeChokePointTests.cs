using System.Text.RegularExpressions;

namespace Analytics.Api.Tests.Security;

/// <summary>
/// County scope holds only if every read goes through <c>AccessScope</c>: API code outside Security/ must not read a
/// DbSet directly (adding rows with <c>Db.X.Add</c> is fine; a deliberate exception says <c>scope-exempt</c>).
/// </summary>
public sealed partial class ScopeChokePointTests
{
    [Fact]
    public void Api_code_reads_entities_only_through_the_access_scope()
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Analytics.Api"));
        var offenders = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Security{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, Text: line)))
            .Where(l => DirectRead().IsMatch(l.Text) && !l.Text.Contains("scope-exempt", StringComparison.Ordinal))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(Directory.Exists(root), root);
        Assert.Empty(offenders);
    }

    // db.Set<T>() or db.Cases / db.Regions … followed by anything but Add/AddRange/Remove.
    [GeneratedRegex(@"\b[dD]b\.(Set<\w+>\(\)|(?!Set\b|Database\b|ChangeTracker\b|Entry\b|SaveChanges|ExpectVersion\b)[A-Z]\w+\b)(?!\.(Add|AddRange|Remove)\()")]
    private static partial Regex DirectRead();
}
