// libtorch keeps its random generator (torch.manual_seed) and its intra-op thread count (torch.set_num_threads) per
// process, not per test. Tests here seed and then build models (TinyBert.Create, the MiniLM parity model) whose
// initial weights come from that generator; a test class running beside them would draw from the same generator or
// change the threads mid-run. xunit runs classes in parallel by default, so this assembly runs its tests one at a
// time. On a two-core machine libtorch's own threads keep the cores busy, so little time is lost.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
