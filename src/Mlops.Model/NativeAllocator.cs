using System.Runtime.InteropServices;

namespace Mlops.Model;

/// <summary>
/// Tunes glibc's allocator for libtorch's allocation pattern. Each training step frees and re-allocates
/// tensors of tens of megabytes (activations, gradients, the embedding gradient); glibc serves those with
/// fresh mmap calls whose pages the kernel must zero every time, which measured here as ~40 % of a
/// MiniLM step in system time. Keeping large blocks on the heap and never trimming it lets them be reused:
/// MiniLM steps went from ~1,000 ms to ~640 ms on 2 cores (docs/benchmarks.md). Memory is kept, not leaked.
/// No package exposes mallopt, hence the P/Invoke.
/// </summary>
public static partial class NativeAllocator
{
    private const int MTrimThreshold = -1;
    private const int MMmapMax = -4;

    /// <summary>Applies the tuning once per process; a no-op where the C library is not glibc.</summary>
    public static bool TuneForTensors()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return mallopt(MMmapMax, 0) == 1 && mallopt(MTrimThreshold, 1 << 30) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // musl or another libc without mallopt: keep its defaults
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int mallopt(int param, int value);
}
