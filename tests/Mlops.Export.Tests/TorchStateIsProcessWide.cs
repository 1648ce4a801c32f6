// libtorch's random generator and thread count are per process: tests here seed before building a model, so they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Mlops.Export.Tests;

/// <summary>One libtorch intra-op thread for the test run: test hosts run side by side on two cores, and spinning OpenMP threads would starve them.</summary>
internal static class TorchStateIsProcessWide
{
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void OneIntraOpThread() => TorchSharp.torch.set_num_threads(1);
}
