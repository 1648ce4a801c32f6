using System.Diagnostics;

namespace Mlops.Tests;

/// <summary>Waits for something a background loop will do (ship, retry, drain), failing with a message after a generous patience rather than timing anything.</summary>
public static class Poll
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static Task UntilAsync(Func<bool> condition, Func<string> failure) => UntilAsync(() => Task.FromResult(condition()), failure);

    /// <summary>The same for a condition that must ask over the network or the disk.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, Func<string> failure)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > Patience) throw new Xunit.Sdk.XunitException($"Still not so after {Patience.TotalSeconds:F0} s: {failure()}");
            await Task.Delay(20);
        }
    }
}
