using System.Runtime.InteropServices;
using System.Text.Json;
using Mlops.Config.Overrides;
using Mlops.Config.Tree;
using Mlops.Config.Yaml;
using Mlops.Core;

namespace Mlops.Runs;

/// <summary>
/// A run's own folder, holding everything needed to reproduce it: <c>config.yaml</c> (the resolved config),
/// <c>overrides.yaml</c> (what was typed), <c>train.log</c>, then <c>model/</c> and <c>last/</c>. A new run never
/// reuses a folder: a second run in the same second gets a <c>-1</c> suffix. The process never changes directory.
/// </summary>
public sealed class RunFolder
{
    public const string ConfigFile = "config.yaml";
    public const string OverridesFile = "overrides.yaml";
    public const string LogFile = "train.log";
    public const string MetricsFile = "metrics.jsonl";
    /// <summary>The resume checkpoint of the latest step (weights and optimizer state), which <c>mlops train --resume</c> continues from.</summary>
    public const string ResumeDir = "last";
    /// <summary>The id of the tracked run this folder's training reports to, so that <c>--resume</c> continues that run.</summary>
    public const string TrackedRunFile = "tracked_run";
    /// <summary>The trainer state in <see cref="ResumeDir"/> (as training's resume checkpoint writes it): its <c>finished</c> flag marks a run that ended.</summary>
    public const string ResumeStateFile = "trainer_state.json";
    /// <summary>Written by a sweep into a trial's folder before it stops the trial early, so the run records itself as pruned.</summary>
    public const string PrunedFile = "pruned";

    private RunFolder(string path) => Path = path;

    public string Path { get; }
    public string ConfigPath => System.IO.Path.Combine(Path, ConfigFile);
    public string LogPath => System.IO.Path.Combine(Path, LogFile);
    public string MetricsPath => System.IO.Path.Combine(Path, MetricsFile);
    private string TrackedRunPath => System.IO.Path.Combine(Path, TrackedRunFile);

    /// <summary>Whether a sweep stopped this run early (<see cref="PrunedFile"/>).</summary>
    public bool WasPruned => File.Exists(System.IO.Path.Combine(Path, PrunedFile));

    /// <summary>Whether the run in <paramref name="folder"/> finished: its resume point says so (false when it has none, or one being replaced).</summary>
    public static bool Finished(string folder)
    {
        try
        {
            using var state = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(folder, ResumeDir, ResumeStateFile)));
            return state.RootElement.TryGetProperty("finished", out var finished) && finished.ValueKind == JsonValueKind.True;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The tracked run this folder reports to (<see cref="RecordTrackedRunAsync"/>), or null when it never reported to one.</summary>
    public string? TrackedRunId => File.Exists(TrackedRunPath) && File.ReadAllText(TrackedRunPath).Trim() is { Length: > 0 } id ? id : null;

    /// <summary>Records the id of the tracked run this folder's training reports to.</summary>
    public Task RecordTrackedRunAsync(string runId, CancellationToken cancellationToken) =>
        AtomicFile.WriteAllTextAsync(TrackedRunPath, runId + "\n", cancellationToken);

    /// <summary>Creates a fresh folder at <paramref name="dir"/>, or beside it with a suffix when it is taken.</summary>
    public static RunFolder CreateNew(string dir)
    {
        var path = dir;
        for (var i = 1; Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any(); i++) path = $"{dir}-{i}";
        Directory.CreateDirectory(path);
        return new RunFolder(path);
    }

    /// <summary>An existing run folder, e.g. one being resumed.</summary>
    public static RunFolder Existing(string dir) => Directory.Exists(dir) ? new RunFolder(dir)
        : throw new MlopsException($"Run folder '{dir}' does not exist.", "Pass a folder written by `mlops train`.");

    public async Task SaveConfigAsync(ConfigMap jobConfig, IEnumerable<Override> overrides, CancellationToken cancellationToken)
    {
        await AtomicFile.WriteAllTextAsync(ConfigPath, YamlConfigWriter.Write(jobConfig), cancellationToken);
        var typed = new ConfigList(overrides.Select(o => ConfigScalar.String(o.Text)));
        await AtomicFile.WriteAllTextAsync(System.IO.Path.Combine(Path, OverridesFile), YamlConfigWriter.Write(typed), cancellationToken);
    }

    /// <summary>Points the symbolic link <paramref name="link"/> at this folder, replacing the previous target atomically.</summary>
    public void PointLatest(string link)
    {
        var full = System.IO.Path.GetFullPath(link);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var target = System.IO.Path.GetRelativePath(System.IO.Path.GetDirectoryName(full)!, System.IO.Path.GetFullPath(Path));
        var temporary = $"{full}.{Environment.ProcessId}.tmp";
        File.CreateSymbolicLink(temporary, target);
        if (rename(temporary, full) != 0)
        {
            File.Delete(temporary);
            throw new IOException($"Could not point '{link}' at '{Path}' (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    // rename(2) replaces a symbolic link atomically; File.Move and Directory.Move refuse a link to a directory.
    [DllImport("libc", SetLastError = true)]
    private static extern int rename(string oldPath, string newPath);
}
