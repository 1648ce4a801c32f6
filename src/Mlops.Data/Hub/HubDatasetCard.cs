using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mlops.Data.Hub;

/// <summary>
/// The YAML header of a hub dataset's card (its README.md) as far as loading needs it: each subset's split files
/// (<c>configs</c> → <c>data_files</c>, as the hub and <c>datasets.load_dataset</c> read them) and the names of a class-label
/// feature (<c>dataset_info</c> → <c>features</c> → <c>class_label</c> → <c>names</c>), so GLUE's integer labels read
/// <c>not_equivalent</c>/<c>equivalent</c> rather than 0/1.
/// </summary>
internal sealed class HubDatasetCard
{
    /// <summary>The config name of a dataset without subsets.</summary>
    public const string DefaultConfig = "default";

    private readonly IReadOnlyList<YamlMappingNode> _infos;

    private HubDatasetCard(IReadOnlyList<HubCardConfig> configs, IReadOnlyList<YamlMappingNode> infos) => (Configs, _infos) = (configs, infos);

    /// <summary>A repository without a card: nothing declared.</summary>
    public static HubDatasetCard None { get; } = new([], []);

    /// <summary>The subsets the card declares with their files; empty when it declares none (the hub's conventions apply).</summary>
    public IReadOnlyList<HubCardConfig> Configs { get; }

    /// <summary>Reads the YAML between the card's leading <c>---</c> lines; a card without that header declares nothing.</summary>
    /// <param name="markdown">The README.md text.</param>
    /// <param name="source">How messages name the card.</param>
    public static HubDatasetCard Parse(string markdown, string source)
    {
        var yaml = FrontMatter(markdown);
        if (yaml is null) return None;
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new DataException($"{source}: the card's YAML header does not parse ({e.Message}).",
                "Set data.revision to a revision whose card is well formed, or ask the dataset's owners to fix it.", e);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root) return None;
        var configs = Get(root, "configs") is YamlSequenceNode entries ? entries.OfType<YamlMappingNode>().Select(ReadConfig).ToList() : [];
        var infos = Get(root, "dataset_info") switch
        {
            YamlMappingNode single => [single],
            YamlSequenceNode many => many.OfType<YamlMappingNode>().ToList(),
            _ => new List<YamlMappingNode>(),
        };
        return new HubDatasetCard(configs, infos);
    }

    /// <summary>
    /// The class names, in index order, of the feature <paramref name="feature"/> of subset <paramref name="config"/>; null
    /// when the card does not describe that subset's feature as a class label.
    /// </summary>
    public IReadOnlyList<string>? ClassNames(string config, string feature)
    {
        var info = _infos.FirstOrDefault(i => (Scalar(Get(i, "config_name")) ?? DefaultConfig) == config) ?? (_infos.Count == 1 ? _infos[0] : null);
        if (info is null || Get(info, "features") is not YamlSequenceNode features) return null;
        var described = features.OfType<YamlMappingNode>().FirstOrDefault(f => Scalar(Get(f, "name")) == feature);
        if (described is null) return null;
        var classLabel = Get(described, "class_label") ?? (Get(described, "dtype") is YamlMappingNode dtype ? Get(dtype, "class_label") : null);
        if (classLabel is not YamlMappingNode label) return null;
        return Get(label, "names") switch
        {
            YamlSequenceNode list => list.Select(Scalar).OfType<string>().ToList(),
            YamlMappingNode byIndex => byIndex.Children
                .Select(c => (Index: int.TryParse(Scalar(c.Key), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1, Name: Scalar(c.Value)))
                .Where(c => c.Index >= 0 && c.Name is not null)
                .OrderBy(c => c.Index)
                .Select(c => c.Name!)
                .ToList(),
            _ => null,
        };
    }

    private static HubCardConfig ReadConfig(YamlMappingNode entry)
    {
        var name = Scalar(Get(entry, "config_name")) ?? DefaultConfig;
        var isDefault = string.Equals(Scalar(Get(entry, "default")), "true", StringComparison.OrdinalIgnoreCase);
        List<HubCardSplit> splits = Get(entry, "data_files") switch
        {
            // data_files: "data/*.parquet", or a list of such paths: all of it is the train split, as load_dataset reads it.
            YamlScalarNode path => [new HubCardSplit("train", [path.Value ?? ""])],
            YamlSequenceNode items when items.All(i => i is YamlScalarNode) => [new HubCardSplit("train", items.Select(Scalar).OfType<string>().ToList())],
            YamlSequenceNode items => items.OfType<YamlMappingNode>()
                .Select(i => new HubCardSplit(Scalar(Get(i, "split")) ?? "train", Paths(Get(i, "path"))))
                .ToList(),
            YamlMappingNode bySplit => bySplit.Children.Select(c => new HubCardSplit(Scalar(c.Key) ?? "", Paths(c.Value))).ToList(),
            _ => [],
        };
        return new HubCardConfig(name, isDefault, splits);
    }

    private static List<string> Paths(YamlNode? node) => node switch
    {
        YamlScalarNode one => [one.Value ?? ""],
        YamlSequenceNode many => many.Select(Scalar).OfType<string>().ToList(),
        _ => [],
    };

    /// <summary>The YAML between a first line <c>---</c> and the next <c>---</c> line, or null.</summary>
    private static string? FrontMatter(string markdown)
    {
        var lines = markdown.TrimStart('\uFEFF').Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd() != "---") return null;
        for (var i = 1; i < lines.Length; i++)
            if (lines[i].TrimEnd() == "---") return string.Join('\n', lines[1..i]);
        return null;
    }

    private static YamlNode? Get(YamlMappingNode map, string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlNode? node) => (node as YamlScalarNode)?.Value;
}
