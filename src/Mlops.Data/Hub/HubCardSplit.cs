namespace Mlops.Data.Hub;

/// <summary>One split of a subset as a dataset card's <c>data_files</c> declares it: its name and the path patterns of its files.</summary>
/// <param name="Name">The split's name: train, validation, validation_matched, test.</param>
/// <param name="Patterns">Repository paths, with <c>*</c> and <c>?</c> in the file name (<c>mrpc/train-*</c>).</param>
internal sealed record HubCardSplit(string Name, IReadOnlyList<string> Patterns);
