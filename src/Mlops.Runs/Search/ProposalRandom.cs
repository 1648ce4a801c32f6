namespace Mlops.Runs.Search;

/// <summary>
/// The random stream of one proposal, derived from the sampler's seed and the number of trials it was shown, so a
/// sampler keeps no state between proposals (<see cref="ISampler"/>) and each proposal of a sweep draws afresh.
/// </summary>
internal static class ProposalRandom
{
    public static Random For(int seed, int trials) => new(unchecked((seed * 1_000_003) ^ (trials * 7_919 + 17)));
}
