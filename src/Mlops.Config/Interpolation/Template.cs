namespace Mlops.Config.Interpolation;

/// <summary>A parsed string value: literal text and <c>${...}</c> interpolations, in order.</summary>
public sealed record Template(IReadOnlyList<TemplatePart> Parts)
{
    /// <summary>True when the whole value is one interpolation, so the result keeps the referenced value's type.</summary>
    public bool IsSingleInterpolation => Parts is [not LiteralPart];
}

/// <summary>One piece of a <see cref="Template"/>.</summary>
public abstract record TemplatePart;

/// <summary>Text copied as it is.</summary>
public sealed record LiteralPart(string Text) : TemplatePart;

/// <summary><c>${a.b}</c>, <c>${.sibling}</c>, <c>${..uncle}</c>; the key may itself hold interpolations.</summary>
public sealed record ReferencePart(Template Key) : TemplatePart;

/// <summary><c>${name:arg,...}</c>: a call to a named resolver such as <c>oc.env</c> or <c>now</c>.</summary>
public sealed record ResolverPart(string Name, IReadOnlyList<Template> Arguments) : TemplatePart;
