namespace Mlops.Config.Overrides;

/// <summary>What an override does, after Hydra's grammar: <c>key=v</c>, <c>+key=v</c>, <c>++key=v</c>, <c>~key</c>.</summary>
public enum OverrideKind
{
    /// <summary><c>key=value</c>: the key must exist; the value is coerced to its declared type.</summary>
    Change,
    /// <summary><c>+key=value</c>: the key must not exist yet.</summary>
    Add,
    /// <summary><c>++key=value</c>: add or change, whichever applies.</summary>
    ForceAdd,
    /// <summary><c>~key</c> or <c>~key=value</c>: remove the key (only when it holds that value, if one is given).</summary>
    Delete,
}
