using Mlops.Config.Overrides;
using Mlops.Config.Tree;

namespace Mlops.Config.Composition;

/// <summary>
/// The result of composition, before interpolation: the merged tree, the option chosen for each group
/// (<c>model: minilm</c>) and the overrides that were applied, in order, for the run folder's provenance.
/// </summary>
public sealed record ComposedConfig(ConfigMap Root, IReadOnlyDictionary<string, string> Choices, IReadOnlyList<Override> Overrides);
