namespace Mlops.Monitoring.Drift;

/// <summary>
/// The reference's pooled sentence embeddings, as embedding drift compares a window with them: their centroid, their RMS
/// distance from it, their effective number of dimensions and how many there were (see <see cref="Statistics.CentroidDistance"/>).
/// </summary>
public sealed record EmbeddingProfile
{
    /// <summary>The mean embedding mu.</summary>
    public required IReadOnlyList<double> Centroid { get; init; }

    /// <summary>sqrt(tr Sigma): the root mean squared distance of a reference embedding from <see cref="Centroid"/>.</summary>
    public required double RmsSpread { get; init; }

    /// <summary>tr(Sigma)^2 / tr(Sigma^2): as many dimensions as, spread evenly, would scatter as these do; the test's degrees of freedom.</summary>
    public required double EffectiveDimensions { get; init; }

    /// <summary>How many embeddings the centroid is the mean of (its own sampling error enters the test).</summary>
    public required int Count { get; init; }

    /// <summary>The profile of <paramref name="embeddings"/> (all of one width), with Sigma their population covariance.</summary>
    public static EmbeddingProfile From(IReadOnlyList<float[]> embeddings)
    {
        if (embeddings.Count == 0) throw new ArgumentException("An embedding profile needs at least one embedding.", nameof(embeddings));
        var size = embeddings[0].Length;
        if (embeddings.Any(e => e.Length != size)) throw new ArgumentException("The embeddings are not all of one width.", nameof(embeddings));
        var centroid = new double[size];
        foreach (var e in embeddings)
            for (var i = 0; i < size; i++) centroid[i] += e[i];
        for (var i = 0; i < size; i++) centroid[i] /= embeddings.Count;
        var covariance = new double[size, size];
        var centered = new double[size];
        foreach (var e in embeddings)
        {
            for (var i = 0; i < size; i++) centered[i] = e[i] - centroid[i];
            for (var i = 0; i < size; i++)
                for (var j = i; j < size; j++) covariance[i, j] += centered[i] * centered[j];
        }
        double trace = 0, traceOfSquare = 0;
        for (var i = 0; i < size; i++)
        {
            trace += covariance[i, i] / embeddings.Count;
            for (var j = i; j < size; j++)
            {
                var c = covariance[i, j] / embeddings.Count;
                traceOfSquare += i == j ? c * c : 2 * c * c;
            }
        }
        return new EmbeddingProfile
        {
            Centroid = centroid,
            RmsSpread = Math.Sqrt(trace),
            EffectiveDimensions = traceOfSquare > 0 ? trace * trace / traceOfSquare : 0,
            Count = embeddings.Count,
        };
    }
}
