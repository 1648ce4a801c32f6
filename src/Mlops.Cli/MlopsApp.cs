using Mlops.Cli.Commands;
using Mlops.Cli.Configuration;
using Mlops.Config.Hosting;
using Spectre.Console.Cli;

namespace Mlops.Cli;

/// <summary>The <c>mlops</c> command tree, in one place for the program and for the in-process CLI tests.</summary>
public static class MlopsApp
{
    public static void Configure(IConfigurator config)
    {
        config.SetApplicationName("mlops");
        config.SetApplicationVersion(FrameworkOptions.VersionOf(typeof(MlopsApp).Assembly));
        config.PropagateExceptions();
        config.Settings.StrictParsing = true;
        config.SetInterceptor(new NativeMemoryInterceptor());
        // The benchmarks' branch is registered only for `mlops bench ...` (ConfigureFor); the example keeps it findable here.
        config.AddExample(BenchEntry.Command, "--help");
        config.AddCommand<TrainCommand>("train")
            .WithDescription("Train a text classifier (your table, a Hugging Face dataset, CoLA) and keep the best model.")
            .WithExample("train")
            .WithExample("train", "model=minilm", "data=cola", "data.dir=../shared/data/cola", "training.lr=5e-5")
            .WithExample("train", "-m", "training.lr=1e-5,3e-5,5e-5", "model=tiny,minilm");
        config.AddCommand<EvaluateCommand>("evaluate")
            .WithDescription("Evaluate a saved model on a dataset's validation parts.")
            .WithExample("evaluate", "--model", "outputs/latest", "data=cola", "data.dir=../shared/data/cola");
        config.AddCommand<PredictCommand>("predict")
            .WithDescription("Classify sentences with a saved model: the winning label, and the probability of each of its labels.")
            .WithExample("predict", "\"The cat sat on the mat.\"");
        config.AddCommand<ExportCommand>("export")
            .WithDescription("Export a trained model to ONNX (model.onnx) and prove it predicts what the trained model does.")
            .WithExample("export")
            .WithExample("export", "--model", "outputs/latest", "--out", "serving-model", "data=cola", "data.dir=../shared/data/cola");
        config.AddCommand<ServeCommand>("serve")
            .WithDescription("Serve the exported model over HTTP (ONNX Runtime): GET /predict, POST /v1/predict, /healthz, /readyz.")
            .WithExample("serve", "serving.model_dir=serving-model", "serving.port=8000");
        config.AddCommand<MonitorCommand>("monitor")
            .WithDescription("Compare logged predictions with the model's reference profile: drift per window, events to the first alarm.")
            .WithExample("monitor", "--logs", "logs/predictions", "--model", "serving-model");
        config.AddCommand<UiCommand>("ui")
            .WithDescription("Open the tracking dashboard in a browser: runs table with filters, live run pages, comparisons.")
            .WithExample("ui")
            .WithExample("ui", "ui.port=8080", "tracking.uri=postgresql://postgres@127.0.0.1:5432/mlops");
        config.AddCommand<DemoCommand>("demo")
            .WithDescription("Walk a model's whole life in a fresh folder: train, register, export, version, serve, replay traffic, see drift fire, open the dashboard.")
            .WithExample("demo")
            .WithExample("demo", "--keep", "training.max_epochs=1");
        config.AddBranch("data", group =>
        {
            group.SetDescription("Check a dataset before training; version data and models the DVC way (.dvc files, cache and remotes DVC itself reads).");
            group.AddCommand<DataInitCommand>("init").WithDescription("Make this folder a DVC project (.dvc/).");
            group.AddCommand<DataAddCommand>("add").WithDescription("Track files or folders: objects into the cache, PATH.dvc to commit.")
                .WithExample("data", "add", "models");
            group.AddCommand<DataStatusCommand>("status").WithDescription("What changed in the workspace against the .dvc files, and what the cache lacks.");
            group.AddCommand<DataPushCommand>("push").WithDescription("Send the remote the objects it lacks.");
            group.AddCommand<DataPullCommand>("pull").WithDescription("Fetch what the cache lacks from the remote, verified, and check it out.")
                .WithExample("data", "pull", "--rev", "v1.2")
                .WithExample("data", "pull", "models/model.onnx");
            group.AddCommand<DataFetchCommand>("fetch").WithDescription("Fetch what the cache lacks from the remote, verified, without touching the workspace.");
            group.AddCommand<DataVerifyCommand>("verify").WithDescription("Re-hash the cached objects; report the corrupt ones, or fetch them again with --repair.");
            group.AddCommand<DataCheckoutCommand>("checkout").WithDescription("Make the workspace match the .dvc files, from the cache.");
            group.AddCommand<DataGcCommand>("gc").WithDescription("Remove from the cache (and with --cloud the remote) what no kept .dvc file names.")
                .WithExample("data", "gc", "--all-tags", "--dry-run");
            group.AddCommand<DataCheckCommand>("check")
                .WithDescription("Look at the configured dataset before training: classes, token lengths, empty and repeated texts, leakage, unknown tokens.")
                .WithExample("data", "check", "data=cola", "data.dir=../shared/data/cola", "data.max_length=64")
                .WithExample("data", "check", "--strict", "--json");
            group.AddBranch("remote", remote =>
            {
                remote.SetDescription("The project's remotes (.dvc/config).");
                remote.AddCommand<DataRemoteAddCommand>("add").WithDescription("Add a remote: a folder, or a URL.")
                    .WithExample("data", "remote", "add", "--default", "storage", "/mnt/dvc-store");
                remote.AddCommand<DataRemoteModifyCommand>("modify").WithDescription("Set a remote's option; credentials with --local.")
                    .WithExample("data", "remote", "modify", "storage", "endpointurl", "http://127.0.0.1:4568");
                remote.AddCommand<DataRemoteListCommand>("list").WithDescription("List the remotes and the default.");
                remote.AddCommand<DataRemoteDefaultCommand>("default").WithDescription("Choose the default remote.");
            });
        });
        config.AddBranch("runs", group =>
        {
            group.SetDescription("Tracked runs (every mlops train, by default): list, inspect, export and delete them.");
            group.AddCommand<RunsListCommand>("list")
                .WithDescription("List tracked runs, newest first or best first by a metric.")
                .WithExample("runs", "list", "--sort", "val_mcc")
                .WithExample("runs", "list", "--filter", "val_mcc > 0.3 and model.shape = minilm");
            group.AddCommand<RunsShowCommand>("show")
                .WithDescription("Show one tracked run: provenance, params and every metric's last, min and max.")
                .WithExample("runs", "show", "--run", "3f2a");
            group.AddCommand<RunsDeleteCommand>("delete")
                .WithDescription("Delete a run from the store and its run folder from disk, saying how much was freed.")
                .WithExample("runs", "delete", "--run", "3f2a");
            group.AddCommand<RunsCompareCommand>("compare")
                .WithDescription("Two or more runs side by side: each metric's last value and the params that differ.")
                .WithExample("runs", "compare", "--run", "3f2a", "--run", "9c1d");
            group.AddCommand<RunsGcCommand>("gc")
                .WithDescription("Free disk: finished runs' resume checkpoints, and failed runs with --failed; says how much was freed.")
                .WithExample("runs", "gc", "--failed", "--older-than", "7", "--dry-run");
            group.AddCommand<RunsExportCommand>("export")
                .WithDescription("Write the tracked runs as CSV or JSON: identity, each metric's last value, params.")
                .WithExample("runs", "export", "--output", "runs.csv");
        });
        config.AddBranch("models", group =>
        {
            group.SetDescription("The model registry: named versions and aliases, used as models:/NAME@ALIAS or models:/NAME/VERSION.");
            group.AddCommand<ModelsRegisterCommand>("register")
                .WithDescription("Register a tracked run's model as the next version of a named model.")
                .WithExample("models", "register", "--run", "3f2a", "--name", "cola");
            group.AddCommand<ModelsAliasCommand>("alias")
                .WithDescription("Point an alias at a version (the move is kept in the alias history).")
                .WithExample("models", "alias", "--name", "cola", "--alias", "champion", "--version", "3");
            group.AddCommand<ModelsRollbackCommand>("rollback")
                .WithDescription("Move an alias back to the version it pointed at before its last move.")
                .WithExample("models", "rollback", "--name", "cola", "--alias", "champion");
            group.AddCommand<ModelsListCommand>("list")
                .WithDescription("A model's versions, their aliases, and the alias history.")
                .WithExample("models", "list", "--name", "cola");
        });
        config.AddBranch("tracking", group =>
        {
            group.SetDescription("The tracking store itself.");
            group.AddCommand<TrackingMigrateCommand>("migrate")
                .WithDescription("Upgrade the store's schema to this mlops's version (clients never do it on the way).");
        });
        config.AddBranch("config", group =>
        {
            group.SetDescription("Inspect the composed configuration.");
            group.AddCommand<ConfigShowCommand>("show")
                .WithDescription("Print the composed, resolved config (as `train` would use it with the same overrides).")
                .WithExample("config", "show", "model=minilm", "training.lr=3e-5")
                .WithExample("config", "show", "--package", "training");
        });
    }

    /// <summary>The tree for <paramref name="args"/>: with <c>mlops bench</c>'s branch only when they ask for it, so no other command loads the benchmarks.</summary>
    public static void ConfigureFor(IConfigurator config, string[] args)
    {
        Configure(config);
        if (args is [BenchEntry.Command, ..]) BenchEntry.Register(config);
    }
}
