using Mlops.Config.Composition;
using Mlops.Config.Overrides;
using Mlops.Config.Tree;

namespace Mlops.Config.Tests;

/// <summary>Base of tests that compose configs from YAML files written into a scratch folder.</summary>
public abstract class ConfigFolderTest : TempDirectoryTest
{
    protected void Write(string name, string yaml)
    {
        var path = Path.Combine(Dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, yaml);
    }

    protected ComposedConfig Compose(params string[] overrides) =>
        new ConfigComposer(new ConfigDirectory(Dir)).Compose("config", OverrideParser.ParseAll(overrides));

    protected static ConfigScalar Scalar(ConfigNode root, string path) =>
        Assert.IsType<ConfigScalar>(ConfigPath.Find(root, path) ?? throw new Xunit.Sdk.XunitException($"no key '{path}'"));
}
