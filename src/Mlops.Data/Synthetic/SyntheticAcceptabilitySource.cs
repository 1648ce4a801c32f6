namespace Mlops.Data.Synthetic;

/// <summary>
/// The default dataset, "synthetic": English acceptability sentences generated on the spot by
/// <see cref="SyntheticAcceptabilityGenerator"/> (made up from a small grammar, not CoLA), so the
/// first command of the README trains and evaluates offline, anywhere, in well under a second of
/// data loading. Labels follow CoLA (0 unacceptable, 1 acceptable) and the validation set is one
/// part named <see cref="ValidationPartName"/>.
/// </summary>
public sealed class SyntheticAcceptabilitySource(SyntheticAcceptabilityOptions? options = null) : IDatasetSource
{
    public const string ValidationPartName = "validation";

    public static readonly IReadOnlyList<string> Labels = ["unacceptable", "acceptable"];

    public SyntheticAcceptabilityOptions Options { get; } = options ?? new SyntheticAcceptabilityOptions();

    public string Name => "synthetic";

    public Task<DatasetSplits> LoadAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var data = new SyntheticAcceptabilityGenerator(Options).Generate();
        var parts = new Dictionary<string, IReadOnlyList<LabeledSentence>>
        {
            [ValidationPartName] = data.Validation.Select(e => e.ToLabeledSentence()).ToList(),
        };
        var train = data.Train.Select(e => e.ToLabeledSentence()).ToList();
        return Task.FromResult(new DatasetSplits(Name, Labels, train, parts));
    }
}
