namespace Mlops.Export;

/// <summary>
/// Which weights an int8 export quantises: all of them, or all but the attention projections and some encoder layers,
/// which stay float32. The export tries <see cref="Ladder"/> from the fastest and keeps the first that passes the gate.
/// </summary>
public sealed record Int8Recipe(bool Attention, IReadOnlyList<int> FloatLayers)
{
    /// <summary>From fastest to most accurate: attention and the first and last layers are where int8 costs this model family most labels.</summary>
    public static IReadOnlyList<Int8Recipe> Ladder(int layers) =>
    [
        new(true, []),
        new(false, []),
        new(false, [0]),
        new(false, [0, layers - 1]),
    ];

    /// <summary>True when the node (by its name in the exported graph) stays float32.</summary>
    public bool KeepsFloat(string nodeName) =>
        (!Attention && nodeName.EndsWith("/Attention", StringComparison.Ordinal))
        || FloatLayers.Any(layer => nodeName.StartsWith($"bert.encoder.layer.{layer}.", StringComparison.Ordinal));

    public string Describe() => (Attention, FloatLayers.Count) switch
    {
        (true, 0) => "every weight int8",
        (false, 0) => "attention float32",
        _ => $"attention and layer{(FloatLayers.Count > 1 ? "s" : "")} {string.Join(", ", FloatLayers)} float32",
    };
}
