using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Mlops.Core;
using Mlops.Tracking;
using Mlops.Tracking.Artifacts;

namespace Mlops.Ui;

/// <summary>
/// The dashboard's JSON endpoints over a tracking store: a page of runs (filtered, sorted, counted), one run with its
/// params and files, a series sampled for a chart, the confusion matrix and misclassified sentences, artifact
/// downloads verified against their recorded hash, and several runs side by side. A bad request is a 4xx with one line.
/// </summary>
public sealed class RunsApi(ITrackingStore store, DashboardOptions options)
{
    private const int MaxPageSize = 500;
    private const int MaxChartPoints = 5_000;

    private readonly JsonSerializerOptions _json = DashboardJson.Options;
    private long _staleCheckedAt;

    public void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/runs", ListAsync);
        api.MapGet("/runs/{id}", RunAsync);
        api.MapGet("/runs/{id}/series", SeriesAsync);
        api.MapGet("/runs/{id}/confusion", ConfusionAsync);
        api.MapGet("/runs/{id}/misclassified", MisclassifiedAsync);
        api.MapGet("/runs/{id}/artifacts/{**path}", ArtifactAsync);
        api.MapGet("/compare", CompareAsync);
    }

    private async Task<IResult> ListAsync(string? filter, string? sort, bool? desc, string? status, string? sweep, int? offset, int? limit,
        bool? withParams, CancellationToken cancellationToken)
    {
        await FailStaleRunsAsync(cancellationToken);
        RunStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<RunStatus>(status, ignoreCase: true, out var parsed))
                return Problem(StatusCodes.Status400BadRequest, $"status '{status}' is not one of running, finished, failed, killed, pruned.");
            wanted = parsed;
        }
        var query = new RunQuery
        {
            Filters = RunFilter.Parse(filter),
            SortMetric = string.IsNullOrEmpty(sort) ? null : sort,
            Descending = desc ?? true,
            Status = wanted,
            Sweep = string.IsNullOrEmpty(sweep) ? null : sweep,
            Offset = Math.Max(0, offset ?? 0),
            Limit = Math.Clamp(limit ?? 50, 1, MaxPageSize),
        };
        var runs = await store.ListRunsAsync(query, cancellationToken);
        var total = await store.CountRunsAsync(query, cancellationToken);
        var rows = new JsonArray();
        foreach (var run in runs)
            rows.Add(withParams == true ? await WithParamsAsync(run, cancellationToken) : RunJson(run));
        return Results.Json(new
        {
            total,
            offset = query.Offset,
            limit = query.Limit,
            metricKeys = runs.SelectMany(r => r.Metrics.Keys).Where(k => !k.StartsWith("system/", StringComparison.Ordinal))
                .Distinct().Order(StringComparer.Ordinal),
            runs = rows,
        }, _json);
    }

    private async Task<IResult> RunAsync(string id, CancellationToken cancellationToken)
    {
        await FailStaleRunsAsync(cancellationToken);
        if (await store.FindRunAsync(id, cancellationToken) is not { } run) return UnknownRun(id);
        var artifacts = await store.ArtifactsAsync(run.Id, cancellationToken);
        bool Has(string file) => artifacts.Any(a => a.Path == file);
        return Results.Json(new
        {
            run = RunJson(run),
            @params = await store.ParamsAsync(run.Id, cancellationToken),
            artifacts = artifacts.Select(a => new { a.Path, a.Bytes, a.Sha256 }),
            seriesKeys = run.Metrics.Keys.Order(StringComparer.Ordinal),
            hasConfusion = Has(RunArtifacts.ConfusionJson),
            hasMisclassified = Has(RunArtifacts.MisclassifiedJsonl),
        }, _json);
    }

    private async Task<IResult> SeriesAsync(string id, string? key, int? points, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key)) return Problem(StatusCodes.Status400BadRequest, "Name the series: ?key=train_loss.");
        if (await store.FindRunAsync(id, cancellationToken) is not { } run) return UnknownRun(id);
        var sample = await store.SampleSeriesAsync(run.Id, key, Math.Clamp(points ?? 1000, 10, MaxChartPoints), cancellationToken);
        return Results.Json(new
        {
            key,
            count = sample.Count,
            downsampled = sample.Downsampled,
            points = sample.Steps.Select((step, i) => new double[] { step, sample.Values[i] }),
        }, _json);
    }

    private async Task<IResult> ConfusionAsync(string id, CancellationToken cancellationToken)
    {
        if (await store.FindRunAsync(id, cancellationToken) is not { } run) return UnknownRun(id);
        return run.RunDir is { } folder && await RunArtifacts.ReadConfusionAsync(folder, cancellationToken) is { } report
            ? Results.Json(report, _json)
            : Problem(StatusCodes.Status404NotFound, $"Run {id} has no {RunArtifacts.ConfusionJson} (it did not finish, or it was tracked before artifacts were).");
    }

    private async Task<IResult> MisclassifiedAsync(string id, string? q, int? offset, int? limit, CancellationToken cancellationToken)
    {
        if (await store.FindRunAsync(id, cancellationToken) is not { } run) return UnknownRun(id);
        if (run.RunDir is not { } folder || await RunArtifacts.ReadMisclassifiedAsync(folder, cancellationToken) is not { } sentences)
            return Problem(StatusCodes.Status404NotFound, $"Run {id} has no {RunArtifacts.MisclassifiedJsonl}.");
        var matching = string.IsNullOrEmpty(q) ? sentences : [.. sentences.Where(s => s.Text.Contains(q, StringComparison.OrdinalIgnoreCase))];
        return Results.Json(new
        {
            total = matching.Count,
            rows = matching.Skip(Math.Max(0, offset ?? 0)).Take(Math.Clamp(limit ?? 100, 1, MaxPageSize)),
        }, _json);
    }

    /// <summary>
    /// Streams a file the run recorded, after checking it still has the recorded SHA-256: a file changed or replaced since
    /// is refused (409), never passed off as the run's.
    /// </summary>
    private async Task<IResult> ArtifactAsync(string id, string path, CancellationToken cancellationToken)
    {
        if (await store.FindRunAsync(id, cancellationToken) is not { } run) return UnknownRun(id);
        var recorded = (await store.ArtifactsAsync(run.Id, cancellationToken)).FirstOrDefault(a => a.Path == path);
        if (recorded is null || run.RunDir is null || RunArtifacts.Resolve(run.RunDir, path) is not { } file)
            return Problem(StatusCodes.Status404NotFound, $"Run {run.Id} recorded no file '{path}'.");
        if (!File.Exists(file))
            return Problem(StatusCodes.Status404NotFound, $"'{path}' of run {run.Id} is gone from {run.RunDir} (deleted or moved since the run ended).");
        if (await ContentHash.HexOfFileAsync(file, cancellationToken) != recorded.Sha256)
            return Problem(StatusCodes.Status409Conflict, $"'{path}' of run {run.Id} has changed since the run recorded it (SHA-256 differs).");
        return Results.File(file, ContentType(path), Path.GetFileName(path));
    }

    private async Task<IResult> CompareAsync(string? ids, CancellationToken cancellationToken)
    {
        var wanted = (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (wanted.Length < 2) return Problem(StatusCodes.Status400BadRequest, "Compare needs two or more runs: ?ids=ID1,ID2.");
        var runs = new List<(RunRecord Run, IReadOnlyDictionary<string, string> Params)>();
        foreach (var id in wanted)
        {
            if (await store.FindRunAsync(id, cancellationToken) is not { } run) return UnknownRun(id);
            runs.Add((run, await store.ParamsAsync(run.Id, cancellationToken)));
        }
        var keys = runs.SelectMany(r => r.Params.Keys).Distinct().Order(StringComparer.Ordinal);
        var differing = keys.Where(k => runs.Select(r => r.Params.GetValueOrDefault(k)).Distinct().Count() > 1);
        var rows = new JsonArray();
        foreach (var (run, parameters) in runs) rows.Add(WithParams(run, parameters));
        return Results.Json(new { runs = rows, differing }, _json);
    }

    private JsonObject RunJson(RunRecord run) => JsonSerializer.SerializeToNode(run, _json)!.AsObject();

    private async Task<JsonObject> WithParamsAsync(RunRecord run, CancellationToken cancellationToken) =>
        WithParams(run, await store.ParamsAsync(run.Id, cancellationToken));

    private JsonObject WithParams(RunRecord run, IReadOnlyDictionary<string, string> parameters)
    {
        var json = RunJson(run);
        json["params"] = JsonSerializer.SerializeToNode(parameters, _json);
        return json;
    }

    /// <summary>Marks runs whose heartbeat stopped as failed, at most every few seconds, so the dashboard never shows a dead run running.</summary>
    private async Task FailStaleRunsAsync(CancellationToken cancellationToken)
    {
        var now = Environment.TickCount64;
        if (now - Interlocked.Read(ref _staleCheckedAt) < 5_000) return;
        Interlocked.Exchange(ref _staleCheckedAt, now);
        await store.FailStaleRunsAsync(options.StaleAfter, DateTimeOffset.UtcNow, cancellationToken);
    }

    private static IResult UnknownRun(string id) =>
        Problem(StatusCodes.Status404NotFound, $"No run '{id}' in the tracking store (or more than one id starts with it).");

    internal static IResult Problem(int status, string error) => Results.Json(new { error }, DashboardJson.Options, statusCode: status);

    private static string ContentType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".json" => "application/json",
        ".jsonl" or ".log" or ".txt" or ".yaml" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
}
