using System.Text;
using System.Text.RegularExpressions;

namespace Analytics.Api.Tests.Readme;

/// <summary>One command of an example: a line as the reader copies it (continuation lines joined), and where it is.</summary>
public sealed record ReadmeCommand(int Line, string Text);

/// <summary>
/// A fenced <c>bash</c> block of a Markdown document: its commands in order, what it must print, or why it is not run.
/// </summary>
/// <param name="Expected">Figures the block's output must contain, from the <c>&lt;!-- readme-test: prints … --&gt;</c>
/// comment after the block (whitespace-separated).</param>
/// <param name="NotRunBecause">From a <c>&lt;!-- readme-test: not run, … --&gt;</c> comment before the block.</param>
/// <param name="Prose">The section's text around the block (its heading to the next; HTML comments left out), where
/// every expected figure must be stated: the check follows what the reader is told, not a list kept apart from it.</param>
public sealed record ReadmeBlock(
    string Document, int Line, string Heading, IReadOnlyList<ReadmeCommand> Commands, IReadOnlyList<string> Expected,
    string? NotRunBecause, string Prose)
{
    public override string ToString() => $"{Document}:{Line} ({Heading})";
}

/// <summary>
/// Reads the fenced <c>bash</c> blocks of a Markdown document in order. Two HTML comments, invisible to readers, tell
/// the README test about a block: <c>&lt;!-- readme-test: prints 175 26 --&gt;</c> on the line after it (figures its
/// output must contain) and <c>&lt;!-- readme-test: not run, because … --&gt;</c> on the line before it.
/// </summary>
public static partial class ReadmeBlocks
{
    public const string Directive = "readme-test:";

    public static IReadOnlyList<ReadmeBlock> Parse(string document, string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var sections = Sections(lines);
        var blocks = new List<ReadmeBlock>();
        var used = new HashSet<int>();
        var heading = "(top)";
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith('#'))
            {
                heading = lines[i].TrimStart('#').Trim();
                continue;
            }

            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var fence = lines[i];
            var start = i;
            var end = Array.FindIndex(lines, start + 1, l => l.TrimEnd() == "```");
            if (end < 0)
            {
                throw new FormatException($"{document}:{start + 1}: the fence opened here is never closed.");
            }

            i = end;
            if (fence.Trim() != "```bash")
            {
                continue;
            }

            string? notRun = null;
            if (start > 0 && DirectiveOf(lines[start - 1]) is { } before)
            {
                used.Add(start - 1);
                notRun = before.StartsWith("not run,", StringComparison.Ordinal) && before.Length > "not run,".Length + 3
                    ? before["not run,".Length..].Trim()
                    : throw new FormatException(
                        $"{document}:{start}: before a block only `<!-- {Directive} not run, <why> -->` is understood, not '{before}'.");
            }

            var expected = new List<string>();
            if (end + 1 < lines.Length && DirectiveOf(lines[end + 1]) is { } after)
            {
                used.Add(end + 1);
                expected.AddRange(after.StartsWith("prints ", StringComparison.Ordinal)
                    ? after["prints ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    : throw new FormatException(
                        $"{document}:{end + 2}: after a block only `<!-- {Directive} prints <figure> <figure> … -->` is understood, not '{after}'."));
            }

            blocks.Add(new ReadmeBlock(
                document, start + 1, heading, Commands(lines, start + 1, end), expected, notRun, sections[start]));
        }

        // A directive that belongs to no block is a mistake that would otherwise silently check nothing.
        for (var i = 0; i < lines.Length; i++)
        {
            if (DirectiveOf(lines[i]) is not null && !used.Contains(i))
            {
                throw new FormatException($"{document}:{i + 1}: a `{Directive}` comment must be on the line right before or after a ```bash block.");
            }
        }

        return blocks;
    }

    /// <summary>Logical command lines between the fences: continuations joined, blank and comment-only lines left out.</summary>
    private static List<ReadmeCommand> Commands(string[] lines, int from, int to)
    {
        var commands = new List<ReadmeCommand>();
        var text = new StringBuilder();
        var first = 0;
        for (var i = from; i < to; i++)
        {
            var line = lines[i];
            if (text.Length == 0)
            {
                if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
                {
                    continue;
                }

                first = i + 1;
            }

            if (line.EndsWith('\\'))
            {
                text.Append(line[..^1]).Append(' ');
                continue;
            }

            text.Append(line);
            commands.Add(new ReadmeCommand(first, text.ToString().Trim()));
            text.Clear();
        }

        return commands;
    }

    /// <summary>For each line, the text of its section (heading to heading) without HTML comment lines.</summary>
    private static string[] Sections(string[] lines)
    {
        var result = new string[lines.Length];
        var start = 0;
        var fenced = false;
        for (var i = 0; i <= lines.Length; i++)
        {
            if (i < lines.Length && lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
            }

            if (i == lines.Length || (i > start && !fenced && lines[i].StartsWith('#')))
            {
                var text = string.Join('\n', lines[start..i].Where(l => !l.TrimStart().StartsWith("<!--", StringComparison.Ordinal)));
                Array.Fill(result, text, start, i - start);
                start = i;
            }
        }

        return result;
    }

    private static string? DirectiveOf(string line)
    {
        var match = DirectiveComment().Match(line.Trim());
        return match.Success ? match.Groups[1].Value.Trim() : null;
    }

    [GeneratedRegex(@"^<!--\s*readme-test:\s*(.*?)\s*-->$")]
    private static partial Regex DirectiveComment();
}
