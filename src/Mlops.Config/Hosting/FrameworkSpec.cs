using System.ComponentModel.DataAnnotations;

namespace Mlops.Config.Hosting;

/// <summary>
/// The <c>mlops</c> section: the program's own settings (where runs and sweeps write), validated like any
/// other section. <see cref="Job"/> is filled in by the program for each job, for use in interpolations.
/// </summary>
public sealed record FrameworkSpec : IValidatableObject
{
    /// <summary>The config layout this program reads; a later layout change bumps it, so old configs fail loudly, not subtly.</summary>
    public const int CurrentConfigVersion = 1;

    public int ConfigVersion { get; init; } = CurrentConfigVersion;
    public RunSpec Run { get; init; } = new();
    public SweepSpec Sweep { get; init; } = new();
    public JobSpec Job { get; init; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ConfigVersion != CurrentConfigVersion)
            yield return new ValidationResult($"config_version {ConfigVersion} is not the version this mlops reads ({CurrentConfigVersion}); " +
                (ConfigVersion > CurrentConfigVersion ? "upgrade mlops." : "update the configs as docs/configuration.md describes."), [nameof(ConfigVersion)]);
    }
}

/// <summary>Where a single run writes, and the link that points at the latest one.</summary>
public sealed record RunSpec
{
    public string Dir { get; init; } = "outputs/run";
    /// <summary>A symbolic link updated to each finished run, so predict finds it; null disables it.</summary>
    public string? Latest { get; init; }
}

/// <summary>Where a multirun writes: one folder for the sweep, one sub-folder per job.</summary>
public sealed record SweepSpec
{
    public string Dir { get; init; } = "multirun/sweep";
    public string Subdir { get; init; } = "0";
}

/// <summary>Facts about the current job, set by the program: its number in a sweep, its overrides as a folder name, and its sweep's folder.</summary>
public sealed record JobSpec
{
    public int Num { get; init; }
    public string OverrideDirname { get; init; } = "";
    /// <summary>The folder of the multirun this job belongs to (what groups its runs in the tracking store); null for a single run.</summary>
    public string? Sweep { get; init; }
}
