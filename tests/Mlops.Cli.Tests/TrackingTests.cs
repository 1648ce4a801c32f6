namespace Mlops.Cli.Tests;

/// <summary>A real training run, tracked by default into outputs/mlops.db, read back with mlops runs list and show.</summary>
public sealed class TrackingTests : TempDirectoryTest
{
    [Fact]
    public async Task A_run_is_tracked_by_default_listed_as_finished_with_its_metrics_and_shown_with_its_params()
    {
        var train = await MlopsProcess.RunAsync(Dir, ["train", .. MlopsProcess.QuickRun]);
        Assert.True(train.ExitCode == 0, train.All);
        Assert.True(File.Exists(Path.Combine(Dir, "outputs", "mlops.db")), "the store is created on first use");
        Assert.True(File.Exists(Path.Combine(Dir, "outputs", "latest", "metrics.jsonl")), "metrics.jsonl is still written");

        var list = await MlopsProcess.RunAsync(Dir, "runs", "list", "--sort", "val_mcc");
        Assert.True(list.ExitCode == 0, list.All);
        Assert.Contains("finished", list.StdOut);
        var id = System.Text.RegularExpressions.Regex.Match(list.StdOut, @"│ ([0-9a-f]{12}) ").Groups[1].Value;
        Assert.Matches("^[0-9a-f]{12}$", id);
        Assert.Matches(@"0\.\d{4}", list.StdOut);

        var show = await MlopsProcess.RunAsync(Dir, "runs", "show", "--run", id[..6]);
        Assert.True(show.ExitCode == 0, show.All);
        foreach (var expected in new[] { id, "train_loss", "val_mcc", "lr", "system/rss_mb", "training.max_epochs", "model.hidden", "sha256:",
                     "artifacts", "model/model.safetensors", "config.yaml", "confusion_matrix.png", "learning_curves.png", "misclassified.jsonl" })
            Assert.Contains(expected, show.StdOut);
        var latest = Path.Combine(Dir, "outputs", "latest");
        using (var confusion = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(latest, "confusion_matrix.json"))))
        {
            var total = confusion.RootElement.GetProperty("matrix").EnumerateArray().SelectMany(row => row.EnumerateArray()).Sum(cell => cell.GetInt32());
            var mistakes = File.ReadAllLines(Path.Combine(latest, "misclassified.jsonl"));
            var wrong = mistakes.Length;
            var matrix = confusion.RootElement.GetProperty("matrix");
            // The mistakes the model was surest of, at most the report's cap.
            Assert.Equal(Math.Min(Workflows.EvaluationReport.MistakesKept, matrix[0][1].GetInt32() + matrix[1][0].GetInt32()), wrong);
            var confidences = mistakes.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("confidence").GetDouble()).ToList();
            Assert.Equal(confidences.OrderDescending(), confidences);
            Assert.True(total > wrong, "the matrix counts every validation sentence");
        }
        foreach (var png in new[] { "confusion_matrix.png", "learning_curves.png" })
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(latest, png))[..4]);

        var filtered = await MlopsProcess.RunAsync(Dir, "runs", "list", "--filter", "training.max_epochs = 1 and val_mcc > -2");
        Assert.Contains(id, filtered.StdOut);
        Assert.Contains("No runs match", (await MlopsProcess.RunAsync(Dir, "runs", "list", "--filter", "training.max_epochs = 7")).StdOut);
        var badFilter = await MlopsProcess.RunAsync(Dir, "runs", "list", "--filter", "val_mcc >");
        Assert.Equal(2, badFilter.ExitCode);
        Assert.Contains("error: Run filter: 'val_mcc >' is not KEY OP VALUE.", badFilter.All);

        var csv = await MlopsProcess.RunAsync(Dir, "runs", "export", "--output", "runs.csv");
        Assert.True(csv.ExitCode == 0, csv.All);
        var lines = File.ReadAllLines(Path.Combine(Dir, "runs.csv"));
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("id,name,sweep,status,started,ended,model_id,", lines[0]);
        Assert.Contains("metric.val_mcc", lines[0]);
        Assert.Contains("param.training.max_epochs", lines[0]);
        Assert.StartsWith(id + ",", lines[1]);
        var json = await MlopsProcess.RunAsync(Dir, "runs", "export", "--output", "runs.json", "--status", "finished");
        Assert.True(json.ExitCode == 0, json.All);
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "runs.json")));
        Assert.Equal(id, document.RootElement[0].GetProperty("id").GetString());
        Assert.Equal("1", document.RootElement[0].GetProperty("param.training.max_epochs").GetString());
        var bad = await MlopsProcess.RunAsync(Dir, "runs", "export", "--output", "runs.xlsx");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("Output file 'runs.xlsx' has extension '.xlsx'.", bad.All);

        var runDir = Path.Combine(Dir, "outputs", new DirectoryInfo(Path.Combine(Dir, "outputs", "latest")).LinkTarget!);
        var delete = await MlopsProcess.RunAsync(Dir, "runs", "delete", "--run", id);
        Assert.True(delete.ExitCode == 0, delete.All);
        Assert.Matches(@"\d [kMG]?B freed", delete.StdOut);
        Assert.False(Directory.Exists(runDir));
        Assert.Contains("No runs match", (await MlopsProcess.RunAsync(Dir, "runs", "list")).StdOut);
    }

    [Fact]
    public async Task Runs_compare_side_by_side_and_gc_frees_resume_checkpoints_and_failed_runs()
    {
        foreach (var seed in new[] { 1, 2 })
        {
            var train = await MlopsProcess.RunAsync(Dir, ["train", .. MlopsProcess.QuickRun, "tracking=sqlite", $"training.seed={seed}", $"mlops.run.dir=run{seed}"]);
            Assert.True(train.ExitCode == 0, train.All);
        }
        var failedDir = Directory.CreateDirectory(Path.Combine(Dir, "failed-run")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(failedDir, "model.bin"), new byte[5000]);
        await using (var store = Tracking.Sqlite.SqliteTrackingStore.Open(Path.Combine(Dir, "outputs", "mlops.db")))
        {
            var id = await store.CreateRunAsync(new Tracking.RunStart { Name = "crashed", RunDir = failedDir }, DateTimeOffset.UtcNow);
            await store.EndRunAsync(id, Tracking.RunStatus.Failed, new Tracking.RunEnd(), DateTimeOffset.UtcNow);
        }
        var ids = System.Text.RegularExpressions.Regex.Matches((await MlopsProcess.RunAsync(Dir, "runs", "list", "--status", "finished")).StdOut, @"│ ([0-9a-f]{12}) ")
            .Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, ids.Count);

        var compare = await MlopsProcess.RunAsync(Dir, "runs", "compare", "--run", ids[0], "--run", ids[1]);
        Assert.True(compare.ExitCode == 0, compare.All);
        foreach (var expected in new[] { ids[0], ids[1], "val_mcc", "training.seed", "1 of ", "params differ" }) Assert.Contains(expected, compare.StdOut);
        Assert.DoesNotContain("model.hidden", compare.StdOut);
        Assert.Contains("model.hidden", (await MlopsProcess.RunAsync(Dir, "runs", "compare", "--run", ids[0], "--run", ids[1], "--all-params")).StdOut);
        Assert.Equal(2, (await MlopsProcess.RunAsync(Dir, "runs", "compare", "--run", ids[0])).ExitCode);

        var resume = Path.Combine(Dir, "run1", "last");
        Assert.True(Directory.Exists(resume));
        var dry = await MlopsProcess.RunAsync(Dir, "runs", "gc", "--failed", "--dry-run");
        Assert.Matches(@"Would free [\d.]+ [kM]?B: 2 finished run\(s\)' resume checkpoints .*, 1 failed run\(s\) \(5\.0 kB\)", dry.StdOut);
        Assert.True(Directory.Exists(resume) && Directory.Exists(failedDir), "a dry run removes nothing");
        var gc = await MlopsProcess.RunAsync(Dir, "runs", "gc", "--failed");
        Assert.True(gc.ExitCode == 0, gc.All);
        Assert.StartsWith("Freed ", gc.StdOut);
        Assert.False(Directory.Exists(resume));
        Assert.False(Directory.Exists(failedDir));
        Assert.True(File.Exists(Path.Combine(Dir, "run1", "model", "model.safetensors")), "the model stays");
        Assert.Contains("No runs match", (await MlopsProcess.RunAsync(Dir, "runs", "list", "--status", "failed")).StdOut);
    }

    [Fact]
    public async Task Unknown_runs_missing_stores_and_bad_uris_are_one_line_each()
    {
        var missing = await MlopsProcess.RunAsync(Dir, "runs", "list");
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("No tracking store at sqlite:outputs/mlops.db yet", missing.All);

        var train = await MlopsProcess.RunAsync(Dir, ["train", .. MlopsProcess.QuickRun, "tracking=sqlite"]);
        Assert.True(train.ExitCode == 0, train.All);
        var unknown = await MlopsProcess.RunAsync(Dir, "runs", "show", "--run", "ffffffffffff");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("error: No run 'ffffffffffff' in the tracking store", unknown.All);

        var bad = await MlopsProcess.RunAsync(Dir, ["train", .. MlopsProcess.QuickRun, "tracking=sqlite", "tracking.uri=mysql://x"]);
        Assert.Equal(5, bad.ExitCode);
        Assert.Contains("tracking.uri 'mysql://x' names no store this mlops can open.", bad.All);
        foreach (var result in new[] { missing, unknown, bad }) Assert.DoesNotContain("   at ", result.All);
    }

    [SkippableFact]
    public async Task A_run_tracked_on_postgresql_is_listed_from_there()
    {
        var server = TestPostgres.Require();
        var train = await MlopsProcess.RunAsync(Dir, ["train", .. MlopsProcess.QuickRun, "tracking=postgres", $"tracking.uri={server}", "mlops.run.dir=pg-run"]);
        Assert.True(train.ExitCode == 0, train.All);
        var export = await MlopsProcess.RunAsync(Dir, "runs", "export", "--output", "pg.json", $"tracking.uri={server}");
        Assert.True(export.ExitCode == 0, export.All);
        using var runs = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "pg.json")));
        var run = runs.RootElement.EnumerateArray().Single(r => r.GetProperty("run_dir").GetString() == Path.Combine(Dir, "pg-run"));
        Assert.Equal("finished", run.GetProperty("status").GetString());
        Assert.True(run.TryGetProperty("metric.val_mcc", out _));
        Assert.False(File.Exists(Path.Combine(Dir, "outputs", "mlops.db")), "nothing went to the default SQLite file");
    }

    [Fact]
    public async Task A_registered_model_is_predicted_through_its_alias_and_rolled_back_in_one_command()
    {
        var ids = new List<string>();
        foreach (var run in new[] { "first", "second" })
        {
            var train = await MlopsProcess.RunAsync(Dir, ["train", .. MlopsProcess.QuickRun, "tracking=sqlite", $"mlops.run.dir={run}"]);
            Assert.True(train.ExitCode == 0, train.All);
            var export = await MlopsProcess.RunAsync(Dir, "runs", "export", "--output", "runs.json");
            using var runs = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "runs.json")));
            ids.Add(runs.RootElement.EnumerateArray().Single(r => r.GetProperty("run_dir").GetString() == Path.Combine(Dir, run)).GetProperty("id").GetString()!);
        }
        foreach (var (id, version) in ids.Select((id, i) => (id, i + 1)))
        {
            var register = await MlopsProcess.RunAsync(Dir, "models", "register", "--run", id, "--name", "cola");
            Assert.True(register.ExitCode == 0, register.All);
            Assert.Contains($"models:/cola/{version}", register.StdOut);
        }
        Assert.Equal(0, (await MlopsProcess.RunAsync(Dir, "models", "alias", "--name", "cola", "--alias", "champion", "--version", "1")).ExitCode);
        Assert.Equal(0, (await MlopsProcess.RunAsync(Dir, "models", "alias", "--name", "cola", "--alias", "champion", "--version", "2")).ExitCode);

        File.WriteAllText(Path.Combine(Dir, "in.txt"), "the dog sleeps.\n");
        MlopsProcess.Result predict;
        foreach (var (reference, output) in new[] { ("models:/cola@champion", "champion.jsonl"), ("models:/cola/2", "v2.jsonl"), ("models:/cola/1", "v1.jsonl") })
        {
            predict = await MlopsProcess.RunAsync(Dir, "predict", "--model", reference, "--input", "in.txt", "--output", output);
            Assert.True(predict.ExitCode == 0, predict.All);
        }
        Assert.Equal(File.ReadAllText(Path.Combine(Dir, "v2.jsonl")), File.ReadAllText(Path.Combine(Dir, "champion.jsonl")));

        var rollback = await MlopsProcess.RunAsync(Dir, "models", "rollback", "--name", "cola", "--alias", "champion");
        Assert.True(rollback.ExitCode == 0, rollback.All);
        Assert.Contains("version 2 -> version 1", rollback.StdOut);
        predict = await MlopsProcess.RunAsync(Dir, "predict", "--model", "models:/cola@champion", "--input", "in.txt", "--output", "rolled.jsonl");
        Assert.True(predict.ExitCode == 0, predict.All);
        Assert.Equal(File.ReadAllText(Path.Combine(Dir, "v1.jsonl")), File.ReadAllText(Path.Combine(Dir, "rolled.jsonl")));

        var list = await MlopsProcess.RunAsync(Dir, "models", "list", "--name", "cola");
        Assert.True(list.ExitCode == 0, list.All);
        Assert.Contains("alias history", list.StdOut);
        var protectedRun = await MlopsProcess.RunAsync(Dir, "runs", "delete", "--run", ids[0]);
        Assert.Equal(2, protectedRun.ExitCode);
        Assert.Contains("made registered model cola version 1", protectedRun.All);

        var unknown = await MlopsProcess.RunAsync(Dir, "predict", "--model", "models:/cola@nobody", "x");
        Assert.Equal(4, unknown.ExitCode);
        Assert.Contains("error: 'models:/cola@nobody': model 'cola' has no alias 'nobody'.", unknown.All);
        var malformed = await MlopsProcess.RunAsync(Dir, "predict", "--model", "models:/cola", "x");
        Assert.Equal(2, malformed.ExitCode);
        Assert.Contains("is not a model reference", malformed.All);
        foreach (var result in new[] { unknown, malformed }) Assert.DoesNotContain("   at ", result.All);
    }

    [Fact]
    public async Task A_store_that_cannot_be_opened_does_not_stop_training_the_run_is_spooled()
    {
        var train = await MlopsProcess.RunAsync(Dir, ["train", .. MlopsProcess.QuickRun, "tracking=sqlite", "tracking.uri=sqlite:/proc/mlops/mlops.db"]);
        Assert.True(train.ExitCode == 0, train.All);
        Assert.Contains("Tracking store unavailable", train.All);
        var spooled = Directory.EnumerateFiles(Path.Combine(Dir, "outputs", "tracking-spool"), "*.jsonl", SearchOption.AllDirectories).ToList();
        Assert.Single(spooled);
        Assert.Contains("\"Kind\":\"end\"", File.ReadAllText(spooled[0]));
    }

    [SkippableFact]
    public async Task A_run_tracked_while_postgresql_was_away_arrives_when_it_answers()
    {
        var server = TestPostgres.Require();
        // A database that does not exist yet stands for a store that is away; creating it brings the store back.
        var database = "mlops_cli_" + Guid.NewGuid().ToString("N")[..12];
        var uri = new UriBuilder(server) { Path = "/" + database }.Uri.ToString();
        var train = await MlopsProcess.RunAsync(Dir, ["train", .. MlopsProcess.QuickRun, "tracking=postgres", $"tracking.uri={uri}", "mlops.run.dir=away"]);
        Assert.True(train.ExitCode == 0, train.All);
        Assert.Contains("Tracking store unavailable", train.All);

        await using var admin = new Npgsql.NpgsqlConnection(Mlops.Tracking.Postgres.PostgresTrackingStore.ConnectionSettings(new Uri(server)).ConnectionString);
        await admin.OpenAsync();
        await using (var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {database}", admin)) await create.ExecuteNonQueryAsync();
        try
        {
            var export = await MlopsProcess.RunAsync(Dir, "runs", "export", "--output", "back.json", "tracking=postgres", $"tracking.uri={uri}");
            Assert.True(export.ExitCode == 0, export.All);
            using var runs = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "back.json")));
            var run = runs.RootElement.EnumerateArray().Single();
            Assert.Equal(Path.Combine(Dir, "away"), run.GetProperty("run_dir").GetString());
            Assert.Equal("finished", run.GetProperty("status").GetString());
            Assert.True(run.TryGetProperty("metric.train_loss", out _));
            Assert.Empty(Directory.EnumerateFiles(Path.Combine(Dir, "outputs", "tracking-spool"), "*.jsonl", SearchOption.AllDirectories));
        }
        finally
        {
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task The_jobs_of_a_multirun_are_runs_of_one_sweep()
    {
        var sweep = await MlopsProcess.RunAsync(Dir, ["train", "-m", .. MlopsProcess.QuickRun, "training.lr=1e-4,2e-4", "tracking=sqlite", "mlops.sweep.dir=sweep"]);
        Assert.True(sweep.ExitCode == 0, sweep.All);
        Assert.Contains("sweep in sqlite:outputs/mlops.db, best val_mcc first", sweep.StdOut);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(sweep.StdOut, @"│ [0-9a-f]{12} ").Count);
        Assert.Matches(@"Compare: mlops runs compare --run [0-9a-f]{12} --run [0-9a-f]{12}", sweep.StdOut);
        var export = await MlopsProcess.RunAsync(Dir, "runs", "export", "--output", "sweep.json");
        Assert.True(export.ExitCode == 0, export.All);
        using var runs = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "sweep.json")));
        Assert.Equal(2, runs.RootElement.GetArrayLength());
        Assert.All(runs.RootElement.EnumerateArray(), r => Assert.Equal(Path.Combine(Dir, "sweep"), r.GetProperty("sweep").GetString()));
        Assert.Equal(2, runs.RootElement.EnumerateArray().Select(r => r.GetProperty("param.training.lr").GetString()).Distinct().Count());
        var list = await MlopsProcess.RunAsync(Dir, "runs", "list", "--sweep", "sweep");
        Assert.True(list.ExitCode == 0, list.All);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(list.StdOut, "finished").Count);

        // The best job by val_mcc (the sweep's monitored metric, maximized), registered in one command.
        static double Mcc(System.Text.Json.JsonElement run) =>
            double.Parse(run.GetProperty("metric.val_mcc").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var register = await MlopsProcess.RunAsync(Dir, "models", "register", "--sweep", "sweep", "--name", "tiny");
        Assert.True(register.ExitCode == 0, register.All);
        var registered = System.Text.RegularExpressions.Regex.Match(register.StdOut.ReplaceLineEndings(""), @"Registered (\S+)/model as tiny version 1");
        Assert.True(registered.Success, register.StdOut);
        var run = runs.RootElement.EnumerateArray().Single(r => r.GetProperty("run_dir").GetString() == registered.Groups[1].Value);
        Assert.Equal(runs.RootElement.EnumerateArray().Max(Mcc), Mcc(run));
    }
}
