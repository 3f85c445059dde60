using System.Text.Json.Nodes;

namespace Analytics.Benchmarks;

/// <summary>Before anything is timed: both paths must give the same answer, or the comparison means nothing.</summary>
public static class AnswerCheck
{
    /// <summary>
    /// Same totalCount, the same 50 codes in the same order, and the same nodes field by field. Throws otherwise.
    /// </summary>
    /// <returns>The total count, for the report.</returns>
    public static int AssertSame(byte[] graphQLResponse, byte[] handWrittenResponse, int pageSize)
    {
        var graphQL = Cases(graphQLResponse, "GraphQL");
        var handWritten = Cases(handWrittenResponse, "hand-written EF");

        var total = (int)graphQL["totalCount"]!;
        var handWrittenTotal = (int)handWritten["totalCount"]!;
        if (total != handWrittenTotal)
        {
            throw new BenchmarkException($"totalCount differs: GraphQL {total}, hand-written EF {handWrittenTotal}.");
        }

        var graphQLCodes = Codes(graphQL);
        var handWrittenCodes = Codes(handWritten);
        if (graphQLCodes.Count != Math.Min(pageSize, total))
        {
            throw new BenchmarkException($"GraphQL returned {graphQLCodes.Count} nodes; expected {Math.Min(pageSize, total)}.");
        }

        if (!graphQLCodes.SequenceEqual(handWrittenCodes))
        {
            var at = graphQLCodes.Zip(handWrittenCodes).TakeWhile(p => p.First == p.Second).Count();
            throw new BenchmarkException(
                $"The pages differ at node {at}: GraphQL {graphQLCodes.ElementAtOrDefault(at) ?? "(none)"}, hand-written EF {handWrittenCodes.ElementAtOrDefault(at) ?? "(none)"}.");
        }

        // Titles, statuses, times, region, township and organization names too (the JSON is written the same way).
        if (!JsonNode.DeepEquals(graphQL["nodes"], handWritten["nodes"]))
        {
            var first = graphQL["nodes"]!.AsArray().Zip(handWritten["nodes"]!.AsArray()).First(p => !JsonNode.DeepEquals(p.First, p.Second));
            throw new BenchmarkException($"Same codes, different fields: GraphQL {first.First?.ToJsonString()} vs hand-written EF {first.Second?.ToJsonString()}.");
        }

        return total;
    }

    private static JsonObject Cases(byte[] response, string path) =>
        JsonNode.Parse(response)?["data"]?["cases"] as JsonObject
        ?? throw new BenchmarkException($"The {path} answer has no data.cases.");

    private static List<string> Codes(JsonObject cases) =>
        [.. cases["nodes"]!.AsArray().Select(node => (string)node!["code"]!)];
}
