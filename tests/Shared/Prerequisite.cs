using System.Diagnostics.CodeAnalysis;

namespace Mlops.Tests;

/// <summary>
/// What a test needs from outside the checkout (a server, a tool, a corpus): absent on a newcomer's machine, the test
/// skips saying how to enable it; absent under <c>CI=true</c>, the test fails naming it, so a green CI run never hides
/// a prerequisite that went missing.
/// </summary>
public static class Prerequisite
{
    /// <summary>True when the environment says this is a CI run (<c>CI=true</c>, as GitHub Actions and <c>.ci/run</c> set it).</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Goes on when <paramref name="available"/>; otherwise skips the test with "<paramref name="missing"/>: <paramref name="enable"/>",
    /// or fails it with the same line under CI.
    /// </summary>
    public static void Require([DoesNotReturnIf(false)] bool available, string missing, string enable) => Require(available, missing, enable, InCi);

    /// <summary><see cref="Require(bool, string, string)"/> with the CI flag given, so a test of it does not set the process-wide variable.</summary>
    internal static void Require([DoesNotReturnIf(false)] bool available, string missing, string enable, bool inCi)
    {
        if (available) return;
        var line = $"{missing}: {enable}";
        if (inCi) throw new Xunit.Sdk.XunitException($"CI=true and a prerequisite is missing. {line}");
        throw new Xunit.SkipException(line);
    }
}
