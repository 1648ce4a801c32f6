namespace Mlops.Config.Tree;

/// <summary>Where a configuration value came from, so an error can point at the file, line and column (or the override).</summary>
public sealed record SourceLocation(string Origin, int Line = 0, int Column = 0)
{
    public static SourceLocation ForOverride(string overrideText) => new($"override '{overrideText}'");

    public override string ToString() => Line > 0 ? $"{Origin}:{Line}:{Column}" : Origin;
}
