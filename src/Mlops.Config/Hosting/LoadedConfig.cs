using Mlops.Config.Composition;
using Mlops.Config.Tree;

namespace Mlops.Config.Hosting;

/// <summary>What a command works from: the composed tree, its resolved form, and the options bound from it.</summary>
public sealed record LoadedConfig<TSchema>(ComposedConfig Composed, ConfigMap Resolved, TSchema Options)
{
    /// <summary>The resolved config without the program's own section: what a run folder saves as <c>config.yaml</c>.</summary>
    public ConfigMap JobConfig
    {
        get
        {
            var copy = Resolved.Clone();
            copy.Remove(FrameworkDefaults.Section);
            return copy;
        }
    }
}
