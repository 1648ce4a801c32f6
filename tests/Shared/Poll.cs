using System.Diagnostics;

namespace Mlops.Tests;

/// <summary>Waits for something a background loop will do (ship, retry, drain), failing with a message after a generous patience rather than timing anything.</summary>
public static class Poll
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task UntilAsync(Func<bool> condition, Func<string> failure)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Patience) throw new Xunit.Sdk.XunitException($"Still not so after {Patience.TotalSeconds:F0} s: {failure()}");
            await Task.Delay(20);
        }
    }
}
