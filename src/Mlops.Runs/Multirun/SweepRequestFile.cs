using Mlops.Config.Hosting;
using Mlops.Config.Overrides;
using Mlops.Config.Tree;
using Mlops.Config.Yaml;
using Mlops.Core;

namespace Mlops.Runs.Multirun;

/// <summary>
/// The request a multirun was started with (its command, overrides and config source), kept in the sweep folder as
/// <c>sweep.yaml</c>, so <c>mlops train -m --resume DIR</c> plans the same sweep again without the command line.
/// </summary>
public static class SweepRequestFile
{
    public const string FileName = "sweep.yaml";

    public static Task WriteAsync(string sweep, MultirunRequest request)
    {
        var root = new ConfigMap();
        root["command"] = ConfigScalar.String(request.Command);
        root["overrides"] = new ConfigList(request.Overrides.Select(o => ConfigScalar.String(o.Text)));
        root["config_dir"] = request.Source.ConfigFrom is null
            ? ConfigScalar.String(Path.GetFullPath(ConfigLocator.Find(request.Source.ConfigDir, request.Source.ConfigName)))
            : ConfigScalar.Null();
        root["config_name"] = ConfigScalar.String(request.Source.ConfigName);
        root["config_from"] = request.Source.ConfigFrom is { } from ? ConfigScalar.String(Path.GetFullPath(from)) : ConfigScalar.Null();
        root["threads_key"] = request.ThreadsKey is { } key ? ConfigScalar.String(key) : ConfigScalar.Null();
        return AtomicFile.WriteAllTextAsync(Path.Combine(sweep, FileName), YamlConfigWriter.Write(root), CancellationToken.None);
    }

    /// <summary>The request saved in <paramref name="sweep"/>, run this time with <paramref name="failFast"/> and <paramref name="extraArguments"/>.</summary>
    public static MultirunRequest Read(string sweep, bool failFast, IReadOnlyList<string> extraArguments)
    {
        var path = Path.Combine(sweep, FileName);
        if (!File.Exists(path))
            throw new MlopsException($"'{sweep}' has no {FileName}, so it is not a sweep folder this mlops can continue.",
                "Pass the folder mlops train -m printed (Multirun: ... in DIR); to continue one run, drop -m.");
        var root = YamlConfigReader.Read(File.ReadAllText(path), path);
        string? Text(string key) => ConfigScalar.TextOf(root[key]);
        var overrides = root["overrides"] is ConfigList list ? list.Items.OfType<ConfigScalar>().Select(o => o.Text) : [];
        return new MultirunRequest(Text("command") ?? "train", new ConfigSource(Text("config_dir"), Text("config_name") ?? "config", Text("config_from")),
            OverrideParser.ParseAll(overrides), failFast, extraArguments, Text("threads_key"));
    }
}
