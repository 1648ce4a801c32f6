using Microsoft.Extensions.Logging;
using Mlops.Cli.Configuration;
using Mlops.Core;
using Mlops.Runs;
using Mlops.Tracking;
using Mlops.Tracking.Artifacts;
using Mlops.Tracking.Spool;
using Mlops.Workflows;
using Mlops.Training;

namespace Mlops.Cli;

/// <summary>
/// A training run's life in the tracking store: created with its flattened config and provenance when training
/// starts (its id recorded in the run folder), continued by a resume of that folder, finished with its model's id when
/// it ends, and marked failed if it ends any other way (an exception).
/// </summary>
public sealed class TrackedRun : IAsyncDisposable
{
    private readonly ITrackingStore? _store;
    private readonly RunFolder _folder;
    private TrackedRun(ITrackingStore? store, RunTracker tracker, RunFolder folder) =>
        (_store, Tracker, _folder) = (store, tracker, folder);

    public RunTracker Tracker { get; }

    /// <summary>
    /// The tracked run, or null when <c>tracking.backend</c> keeps no store. With <paramref name="resume"/>, the run the
    /// folder reported to before goes on (same id, its series kept), when it reported to one.
    /// </summary>
    public static async Task<TrackedRun?> StartAsync(TrackingSpec spec, IReadOnlyDictionary<string, string?> parameters, RunProvenance provenance,
        RunFolder folder, string? sweep, bool resume, ILogger logger, CancellationToken cancellationToken)
    {
        if (spec.Backend != TrackingBackend.Store) return null;
        var spool = new TrackingSpool(spec.SpoolDir, spec.Uri);
        var store = await OpenOrSpoolAsync(spec, spool, logger, cancellationToken);
        try
        {
            var continued = resume ? folder.TrackedRunId : null;
            var earlier = continued is null || store is null ? null : await store.FindRunAsync(continued, cancellationToken);
            var run = new RunStart
            {
                Id = continued,
                Name = Path.GetRelativePath(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(folder.Path)))!, folder.Path),
                Sweep = sweep,
                Params = parameters.Select(p => KeyValuePair.Create(p.Key, p.Value ?? "null")).Concat(DataVersionParams(provenance.DataVersions)).ToDictionary(),
                GitCommit = provenance.GitCommit,
                GitDirty = provenance.GitDirty,
                ConfigHash = provenance.ConfigHash,
                RunDir = provenance.RunDir,
            };
            var options = new TrackerOptions
            {
                Heartbeat = TimeSpan.FromSeconds(spec.HeartbeatSeconds),
                FirstSystemSample = earlier is null ? 0 : RunTracker.NextSystemSample(earlier),
            };
            var tracker = await RunTracker.StartAsync((IRunWriter?)store ?? spool, run, options, logger, spill: spool, cancellationToken: cancellationToken);
            await folder.RecordTrackedRunAsync(tracker.RunId, cancellationToken);
            logger.LogInformation(continued is null ? "Tracking run {Run} in {Uri}" : "Tracking run {Run} in {Uri}, continued", tracker.RunId, spec.Uri);
            return new TrackedRun(store, tracker, folder);
        }
        catch
        {
            if (store is not null) await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Each version of tracked data the run read as params under <c>data_version.PATH.</c> (<c>md5</c>, <c>dvc_file</c>,
    /// <c>git_rev</c>, <c>dirty</c>), beside the config's: shown by <c>runs show</c>, set side by side by <c>runs compare</c>, filtered on by <c>runs list</c>.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, string>> DataVersionParams(IReadOnlyList<DataVersion>? versions) =>
        (versions ?? []).SelectMany(v => new Dictionary<string, string>
        {
            ["md5"] = v.Md5,
            ["dvc_file"] = v.DvcFile,
            ["git_rev"] = v.GitRev ?? "null",
            ["dirty"] = v.Dirty ? "true" : "false",
        }.Select(p => KeyValuePair.Create($"data_version.{v.Path}.{p.Key}", p.Value)));

    /// <summary>
    /// The store, after writing into it the runs spooled while it was away; null (with a warning) when it cannot be
    /// opened, and the run goes to the spool instead: training never waits for, or fails on, its tracking store.
    /// </summary>
    private static async Task<ITrackingStore?> OpenOrSpoolAsync(TrackingSpec spec, TrackingSpool spool, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            var store = TrackingStores.Open(spec.Uri);
            await spool.ReplayAsync(store, logger, cancellationToken);
            return store;
        }
        catch (MlopsException e) when (e.ExitCode == ExitCodes.DataError)
        {
            logger.LogWarning("Tracking store unavailable ({Message}); this run is spooled to {Spool} and written into the store when it answers again.",
                e.Message, spool.Directory);
            return null;
        }
    }

    /// <summary>
    /// Finished, or killed when training was interrupted (pruned when its sweep's pruner asked); the model's id and data fingerprint come from its card, and
    /// the run folder's files (the report files included, written before) are recorded as the run's artifacts. Not
    /// cancellable: after Ctrl+C or SIGTERM this is what records the run as killed, with what it left.
    /// </summary>
    public async Task FinishAsync(TrainOutcome outcome)
    {
        var card = File.Exists(outcome.BestModel.CardPath) ? await ModelCard.ReadAsync(outcome.BestModel.CardPath, CancellationToken.None) : null;
        var artifacts = await RunArtifacts.ScanAsync(_folder.Path, CancellationToken.None);
        var status = !outcome.Fit.Interrupted ? RunStatus.Finished : _folder.WasPruned ? RunStatus.Pruned : RunStatus.Killed;
        await Tracker.FinishAsync(status, new RunEnd(card?.ModelId, card?.DataFingerprint, artifacts));
    }

    /// <summary>A run that was not finished (training threw) is recorded as failed.</summary>
    public async ValueTask DisposeAsync()
    {
        await Tracker.DisposeAsync();
        if (_store is not null) await _store.DisposeAsync();
    }
}
