using Mlops.Config.Tree;
using Mlops.Config.Yaml;

namespace Mlops.Config.Hosting;

/// <summary>
/// The baseline under every composed config: the <c>mlops</c> section's defaults. A config file or an override
/// (<c>mlops.run.dir=runs/x</c>) changes them like any other key; a run folder's saved config does not hold them,
/// so rerunning it (<c>--config-from</c>) writes a new folder.
/// </summary>
public static class FrameworkDefaults
{
    public const string Section = "mlops";

    private const string Yaml = """
        mlops:
          config_version: 1
          run:
            dir: outputs/${now:%Y-%m-%d}/${now:%H-%M-%S}
            latest: outputs/latest
          sweep:
            dir: multirun/${now:%Y-%m-%d}/${now:%H-%M-%S}
            subdir: ${mlops.job.num}
          job:
            num: 0
            override_dirname: ''
            sweep: null
        """;

    public static ConfigMap Create() => YamlConfigReader.Read(Yaml, "built-in mlops defaults");
}
