using System.Runtime;
using System.Runtime.InteropServices;

namespace Analytics.Benchmarks;

/// <summary>What the numbers were measured on; printed above them and kept in the JSON output.</summary>
public sealed record Machine(
    int ProcessorCount, string Cpu, string OperatingSystem, string Runtime, string GarbageCollector, string Database, long DatabaseBytes, int CaseRows)
{
    public static Machine Describe(string databasePath, int caseRows) => new(
        Environment.ProcessorCount,
        CpuModel(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        GCSettings.IsServerGC ? "server" : "workstation",
        databasePath,
        new FileInfo(databasePath).Length,
        caseRows);

    private static string CpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        var model = File.Exists(cpuInfo)
            ? File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return model ?? RuntimeInformation.ProcessArchitecture.ToString();
    }
}
