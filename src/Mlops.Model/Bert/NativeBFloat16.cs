namespace Mlops.Model.Bert;

/// <summary>
/// Whether this CPU multiplies bfloat16 natively: without it, <see cref="MatmulPrecision.BFloat16"/> is emulated and
/// about 100 times slower than float32 (a 2-core AVX2 machine: 4 MiniLM steps of 32 x 128 tokens took 245 s, against
/// about 2.4 s each in float32), so training warns instead of crawling in silence.
/// </summary>
public static class NativeBFloat16
{
    /// <summary>The <c>/proc/cpuinfo</c> flags that mean native bf16 matmuls (x86: AVX512_BF16 or AMX; Arm: BF16).</summary>
    private static readonly string[] Flags = ["avx512_bf16", "amx_bf16", "bf16"];

    /// <summary>True or false where <c>/proc/cpuinfo</c> says; null where there is none to read (not Linux).</summary>
    public static bool? OnThisMachine()
    {
        try
        {
            return File.Exists("/proc/cpuinfo") ? InCpuInfo(File.ReadAllText("/proc/cpuinfo")) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Whether the first processor's flags (x86 <c>flags</c>, Arm <c>Features</c>) include a native bf16 one.</summary>
    public static bool? InCpuInfo(string cpuInfo)
    {
        var line = cpuInfo.Split('\n').FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal) || l.StartsWith("Features", StringComparison.Ordinal));
        if (line is null || line.IndexOf(':') is var colon && colon < 0) return null;
        var present = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return present.Intersect(Flags).Any();
    }
}
