namespace Mlops.Config.Tree;

/// <summary>The type of a scalar, inferred from a plain literal (YAML 1.2 core schema) or declared by quoting.</summary>
public enum ScalarKind
{
    Null,
    Bool,
    Int,
    Float,
    String,
    /// <summary><c>???</c>: a mandatory value that must be set before the config is used.</summary>
    Missing,
}
