using System.Globalization;

namespace Mlops.Config.Tree;

/// <summary>
/// A leaf value: its <see cref="Kind"/> and its text exactly as written, so "5e-5" prints back as "5e-5"
/// and a string that looks like a number stays a string.
/// </summary>
public sealed class ConfigScalar(ScalarKind kind, string text, SourceLocation? source = null) : ConfigNode(source)
{
    public ScalarKind Kind { get; } = kind;
    public string Text { get; } = text;

    /// <summary>A plain (unquoted) literal, typed the way YAML's core schema types it.</summary>
    public static ConfigScalar Plain(string text, SourceLocation? source = null) => new(ScalarLiteral.Infer(text), text, source);

    public static ConfigScalar String(string text, SourceLocation? source = null) => new(ScalarKind.String, text, source);

    public static ConfigScalar Null(SourceLocation? source = null) => new(ScalarKind.Null, "null", source);

    /// <summary>The text of <paramref name="node"/> when it is a scalar other than null; otherwise null.</summary>
    public static string? TextOf(ConfigNode? node) => node is ConfigScalar { Kind: not ScalarKind.Null } scalar ? scalar.Text : null;

    /// <summary>True when the text holds an unescaped <c>${...}</c> that the resolver must replace.</summary>
    public bool IsInterpolation => Kind == ScalarKind.String && Interpolation.TemplateParser.HasInterpolation(Text);

    /// <summary>The value as a .NET object: null, bool, long, double or string.</summary>
    public object? Value => Kind switch
    {
        ScalarKind.Null or ScalarKind.Missing => null,
        ScalarKind.Bool => bool.Parse(Text),
        ScalarKind.Int => long.Parse(Text, CultureInfo.InvariantCulture),
        ScalarKind.Float => ScalarLiteral.ParseFloat(Text),
        _ => Text,
    };

    /// <summary>This value with a new source, e.g. a referenced value copied into the key that interpolates it.</summary>
    public ConfigScalar WithSource(SourceLocation? source) => new(Kind, Text, source);

    public override ConfigScalar Clone() => this; // immutable

    public override string Describe() => Kind switch
    {
        ScalarKind.String => $"the string '{Text}'",
        ScalarKind.Missing => "the missing value '???'",
        ScalarKind.Null => "null",
        _ => $"the {Kind.ToString().ToLowerInvariant()} {Text}",
    };
}
