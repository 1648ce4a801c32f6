using Mlops.Config.Binding;
using Mlops.Config.Composition;
using Mlops.Config.Interpolation;
using Mlops.Config.Overrides;
using Mlops.Config.Tree;

namespace Mlops.Config.Hosting;

/// <summary>Composes (from the config folder or a run folder), resolves and binds a host's config for one command or job.</summary>
public static class ConfigLoader
{
    public const string SavedConfigName = "config";

    public static ComposedConfig Compose(ConfigSource source, IReadOnlyList<Override> overrides)
    {
        var (folder, primary) = source.ConfigFrom is { } run
            ? (SavedConfigFolder(run), SavedConfigName)
            : (ConfigLocator.Find(source.ConfigDir, source.ConfigName), source.ConfigName);
        return new ConfigComposer(new ConfigDirectory(folder)).Compose(primary, overrides, FrameworkDefaults.Create());
    }

    /// <summary>Resolves interpolations with one clock instant and binds the options; <paramref name="job"/> sets <c>mlops.job</c>.</summary>
    public static LoadedConfig<TSchema> Resolve<TSchema>(ComposedConfig composed, DateTimeOffset now, JobSpec? job = null)
        where TSchema : class, IHostConfig
    {
        var tree = composed.Root;
        if (job is not null)
        {
            tree = tree.Clone();
            Set(tree, "mlops.job.num", ConfigScalar.Plain(job.Num.ToString()));
            Set(tree, "mlops.job.override_dirname", ConfigScalar.String(job.OverrideDirname));
        }
        var resolved = InterpolationResolver.Resolve(tree, new ResolverFunctions(now));
        return new LoadedConfig<TSchema>(composed, resolved, ConfigBinder.Bind<TSchema>(resolved));
    }

    private static void Set(ConfigMap root, string path, ConfigNode value) =>
        ConfigPath.Parent(root, path, create: true, out var key)![key] = value;

    private static string SavedConfigFolder(string run)
    {
        var folder = File.Exists(run) ? Path.GetDirectoryName(Path.GetFullPath(run))! : run;
        if (!File.Exists(Path.Combine(folder, SavedConfigName + ".yaml")))
            throw new ConfigException($"'{run}' holds no saved {SavedConfigName}.yaml.",
                "Pass a run folder written by `mlops train` (outputs/<date>/<time>) or the config.yaml inside it.");
        return folder;
    }
}
