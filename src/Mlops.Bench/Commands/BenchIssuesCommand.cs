using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Nodes;
using Mlops.Bench.Benchmarks.Issues;
using Mlops.Core;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary>
/// <c>mlops bench issues</c>: area classification of dotnet/corefx GitHub issues, each contestant trained and scored
/// on the same seeded 80/20 split stratified by area, for each seed: accuracy, macro-F1 and multi-class MCC (computed
/// here, alike for all), train and predict seconds, process wall time and peak RSS. The anchor is ML.NET's own
/// GitHubLabeler recipe (<see cref="MlNetContestant"/>); ours fine-tunes through the product's own table source (<see cref="FineTuneContestant"/>).
/// </summary>
public sealed class BenchIssuesCommand : AsyncCommand<BenchIssuesCommand.Settings>
{
    /// <summary>Options of <c>mlops bench issues</c>.</summary>
    public sealed class Settings : JsonResultSettings
    {
        [CommandOption("--data <FILE>"), Description("The issues TSV: ID, Area, Title, Description (default: shared/data/github-issues/corefx-issues-train.tsv).")]
        public string? Data { get; init; }

        [CommandOption("--seeds <LIST>"), Description("Comma-separated seeds: one split (and one training seed) each."), DefaultValue("1,2,3")]
        public string Seeds { get; init; } = "1,2,3";

        [CommandOption("--anchor <DLL>"), Description("A built Mlops.Bench.MlNet.dll (default: build bench/Mlops.Bench.MlNet of this checkout in Release).")]
        public string? Anchor { get; init; }

        [CommandOption("--recipe <OVERRIDES>"), Description("The fine-tune's config overrides, space-separated (default: MiniLM in float32, balanced classes, 128 tokens, 6 epochs at 1e-4).")]
        public string? Recipe { get; init; }

        [CommandOption("--anchor-only"), Description("Only ML.NET's recipe (checks the harness against the issue's figures in seconds).")]
        public bool AnchorOnly { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var seeds = ParseSeeds(settings.Seeds);
        var data = AnchorLocator.Require(settings.Data, "data/github-issues/corefx-issues-train.tsv", "--data");
        var table = IssueTable.Of(await IssueTsv.ReadAsync(data, cancellationToken), data);
        var work = Directory.CreateTempSubdirectory("mlops-bench-issues-");
        try
        {
            List<IIssueContestant> contestants = [await MlNetContestant.LocateAsync(settings.Anchor, Path.Combine(work.FullName, "mlnet"), cancellationToken)];
            if (!settings.AnchorOnly)
                contestants.Add(new FineTuneContestant(settings.Recipe?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? FineTuneContestant.DefaultRecipe));
            var results = new List<IssueResult>();
            foreach (var seed in seeds)
                results.AddRange(await IssueContest.RunSeedAsync(table, seed, contestants, work.FullName, cancellationToken));
            var summaries = IssueSummary.Of(results);
            AnsiConsole.Write(Draw(table, data, results, summaries));
            await settings.WriteJsonAsync([.. results.Select(r => (JsonNode)r.ToJson()), .. summaries.Select(s => (JsonNode)s.ToJson())], cancellationToken);
        }
        finally
        {
            work.Delete(recursive: true);
        }
        return ExitCodes.Success;
    }

    private static IReadOnlyList<int> ParseSeeds(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        foreach (var part in parts)
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                throw new MlopsException($"--seeds '{text}': '{part}' is not an integer.", "Pass comma-separated integers, e.g. --seeds 1,2,3.");
        return [.. parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture))];
    }

    private static Table Draw(IssueTable issues, string data, IReadOnlyList<IssueResult> results, IReadOnlyList<IssueSummary> summaries)
    {
        var table = new Table()
            .Title($"{issues.Rows.Count} GitHub issues in {issues.Areas.Count} areas ({Markup.Escape(Path.GetFileName(data))}), " +
                $"{(1 - IssueSplit.TestFraction) * 100:F0}/{IssueSplit.TestFraction * 100:F0} split stratified by area, per seed")
            .AddColumns("seed", "engine", "train / test", "accuracy", "macro-F1", "MCC", "train s", "predict s", "process wall s", "peak RSS MB");
        foreach (var r in results)
            table.AddRow($"{r.Seed}", Markup.Escape(r.ContestantTitle), $"{r.TrainRows} / {r.TestRows}", $"{r.Metrics.Accuracy:F3}", $"{r.Metrics.F1Macro:F3}",
                $"{r.Metrics.Mcc:F3}", $"{r.Run.TrainSeconds:F1}", $"{r.Run.PredictSeconds:F2}", $"{r.Run.WallSeconds:F1}", $"{r.Run.PeakRssMb:F0}");
        foreach (var s in summaries)
        {
            string F(string key, string format) => s.Figures[key] is var (mean, sd) && sd is { } deviation
                ? $"{mean.ToString(format, CultureInfo.InvariantCulture)} ± {deviation.ToString(format, CultureInfo.InvariantCulture)}"
                : mean.ToString(format, CultureInfo.InvariantCulture);
            table.AddRow($"mean of {s.Seeds.Count}", Markup.Escape(s.ContestantTitle), "", F("accuracy", "F3"), F("f1_macro", "F3"), F("mcc", "F3"),
                F("train_s", "F1"), F("predict_s", "F2"), F("wall_s", "F1"), F("peak_rss_mb", "F0"));
        }
        return table;
    }
}
