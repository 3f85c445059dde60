namespace Analytics.Benchmarks;

/// <summary>A failure the harness explains in one line (missing build or data, wrong answer, failed request).</summary>
public sealed class BenchmarkException(string message) : Exception(message);
