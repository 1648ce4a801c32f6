// libtorch keeps its random generator (torch.manual_seed) and its intra-op thread count (torch.set_num_threads) per
// process, not per test. Tests here seed and then build models (TinySetup.Model), compare an interrupted-and-resumed run with a straight one
// and set the thread count; a test class running beside them would draw from the same
// generator or change the threads mid-run. xunit runs the classes of an assembly in parallel by default, so this
// assembly runs its tests one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Mlops.Training.Tests;

/// <summary>
/// One libtorch intra-op thread for the whole test run, set before any test. The solution's test hosts run side by side
/// and the CLI tests start training processes: with libtorch's default of one OpenMP thread per core, those threads
/// spin-wait for cores the others hold, and tiny models on a busy two-core machine ran several times slower than with one.
/// </summary>
internal static class TorchStateIsProcessWide
{
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void OneIntraOpThread() => TorchSharp.torch.set_num_threads(1);
}
