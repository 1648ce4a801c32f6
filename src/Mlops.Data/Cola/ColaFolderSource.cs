namespace Mlops.Data.Cola;

/// <summary>
/// CoLA from a local folder: the raw release (<c>in_domain_train.tsv</c>, <c>in_domain_dev.tsv</c>,
/// <c>out_of_domain_dev.tsv</c>) or GLUE's (<c>train.tsv</c>, <c>dev.tsv</c>). Validation is the in-domain
/// plus out-of-domain dev sets (GLUE's 1,043-row split), each kept as a named part.
/// </summary>
public sealed class ColaFolderSource(string dataDir) : IDatasetSource
{
    public static readonly IReadOnlyList<string> Labels = ["unacceptable", "acceptable"];

    public string Name => "cola";

    public async Task<DatasetSplits> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(dataDir))
            throw new DataException($"Data folder '{dataDir}' does not exist.",
                "Set data.dir=<folder> (or MLOPS_COLA_DIR; for mlops bench train, --data-dir <folder>) to a folder with the CoLA TSV files (in_domain_train.tsv, in_domain_dev.tsv, out_of_domain_dev.tsv).");
        string File(string name) => Path.Combine(dataDir, name);
        if (System.IO.File.Exists(File("in_domain_train.tsv")))
        {
            var parts = new Dictionary<string, IReadOnlyList<LabeledSentence>>
            {
                ["in_domain"] = await ColaTsvReader.ReadAsync(File("in_domain_dev.tsv"), cancellationToken),
                ["out_of_domain"] = await ColaTsvReader.ReadAsync(File("out_of_domain_dev.tsv"), cancellationToken),
            };
            return new DatasetSplits(Name, Labels, await ColaTsvReader.ReadAsync(File("in_domain_train.tsv"), cancellationToken), parts);
        }
        if (System.IO.File.Exists(File("train.tsv")))
        {
            var parts = new Dictionary<string, IReadOnlyList<LabeledSentence>>
            {
                ["validation"] = await ColaTsvReader.ReadAsync(File("dev.tsv"), cancellationToken),
            };
            return new DatasetSplits(Name, Labels, await ColaTsvReader.ReadAsync(File("train.tsv"), cancellationToken), parts);
        }
        throw new DataException($"Data folder '{dataDir}' holds no CoLA files.",
            "Expected in_domain_train.tsv + in_domain_dev.tsv + out_of_domain_dev.tsv (raw CoLA) or train.tsv + dev.tsv (GLUE).");
    }
}
