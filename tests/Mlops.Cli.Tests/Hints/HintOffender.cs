namespace Mlops.Cli.Tests.Hints;

/// <summary>A reference in user-facing text to an option, config key or group choice that today's program does not accept.</summary>
public sealed record HintOffender(string File, int Line, string Reference, string Problem, string Closest)
{
    public override string ToString() => $"{File}:{Line}: '{Reference}' {Problem}; closest valid: {Closest}";
}
