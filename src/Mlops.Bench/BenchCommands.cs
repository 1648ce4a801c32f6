using Mlops.Bench.Commands;
using Mlops.Config.Hosting;
using Spectre.Console.Cli;

namespace Mlops.Bench;

/// <summary>Registers <c>mlops bench ...</c>: the benchmarks a host offers, each measured side by side with its anchor where one exists.</summary>
public static class BenchCommands
{
    /// <typeparam name="TSchema">The host's config schema, which <c>bench config</c> composes, resolves and binds.</typeparam>
    public static void Register<TSchema>(IConfigurator<CommandSettings> bench) where TSchema : class, IHostConfig
    {
        bench.SetDescription("Benchmarks, measured side by side with the PyTorch anchor.");
        bench.AddCommand<BenchInferenceCommand>("inference")
            .WithDescription("Inference latency and throughput of ONNX Runtime and TorchSharp, against the PyTorch anchor; and mlops predict's cold start.");
        bench.AddCommand<BenchServeCommand>("serve")
            .WithDescription("wrk against mlops serve and the course's FastAPI + PyTorch app: requests/s, p50, p99, non-2xx, peak RSS.");
        bench.AddCommand<BenchDriftCommand>("drift")
            .WithDescription("A CoLA model's drift monitor on in-domain, out-of-domain, word-shuffled and other-domain streams: state, events to the first alarm, effects.");
        bench.AddCommand<BenchShippingCommand>("shipping")
            .WithDescription("The log backend (an Elasticsearch stand-in) down for a minute under load: the API's throughput and p99, shipped, dropped and held events, peak RSS, recovery.");
        bench.AddCommand<BenchInt8Command>("int8")
            .WithDescription("What int8 quantisation costs and buys on a trained model: size, latency, throughput, CoLA MCC and label agreement against float32.");
        bench.AddCommand<BenchTrainCommand>("train")
            .WithDescription("Training throughput (sentences/s) and a whole CoLA epoch, against ../shared/anchors/torch_bert.py.");
        bench.AddCommand<BenchConfigCommand>("config")
            .WithDescription("Compose + resolve the full config, against OmegaConf (Hydra's engine) on the same files.");
        bench.AddCommand<BenchStartupCommand>("startup")
            .WithDescription("What a run pays before its first step: synthetic data, tokenizing, the embedded MiniLM weights.");
        bench.AddCommand<BenchTrackingCommand>("tracking")
            .WithDescription("What tracking costs training, 1 million points ingested, 8 concurrent writers on one store (SQLite; PostgreSQL with --postgres).");
        bench.AddCommand<BenchUiCommand>("ui")
            .WithDescription("Dashboard API latency over 10,000 runs and a 100,000-point series, on SQLite (and PostgreSQL with --postgres).");
        bench.AddCommand<BenchDataCommand>("data")
            .WithDescription("Hashing for mlops data against md5sum (1 GiB in one file, 10,000 small files), status on 10,000 unchanged files; with --s3, push and pull against aws s3 sync.");
        bench.AddCommand<BenchLambdaCommand>("lambda")
            .WithDescription("The serving host as an AWS Lambda function against a local Runtime API: cold start per model shape and build, warm latency, a 1,000-event replay.");
        bench.AddCommand<BenchIssuesCommand>("issues")
            .WithDescription("Area classification of 1,615 dotnet/corefx GitHub issues on seeded 80/20 splits stratified by area: accuracy, macro-F1, MCC, time and peak RSS, against ML.NET's GitHubLabeler recipe.");
        bench.AddCommand<BenchTableCommand>("table")
            .WithDescription("A generated 1,000,000-row CSV loaded (data=table), checked (mlops data check) and tokenized, each phase's seconds and peak RSS; a ragged row near the end named by its line.");
        bench.AddCommand<BenchSweepCommand>("sweep")
            .WithDescription("The same 4-job tiny sweep one job at a time and 2 at a time (launcher.parallelism): wall seconds, peak RSS, the ratio against the bar of 0.6.");
        bench.AddCommand<BenchTpeCommand>("tpe")
            .WithDescription("Our TPE and random search against Optuna's TPESampler on Branin, Hartmann-6 and a noisy quadratic, 25 seeds of 50 trials: median best value, IQR, wall s, peak RSS.");
        bench.AddCommand<BenchSearchCommand>("search")
            .WithDescription("On CoLA with MiniLM, a 12-point grid against TPE with ASHA over the same space, short trials one at a time: best validation MCC against trial-epochs spent.");
        bench.AddCommand<BenchLambdaApiCommand>("lambda-api").IsHidden();
        bench.AddCommand<BenchStepCommand>("train-step").IsHidden();
        bench.AddCommand<BenchConfigRunCommand<TSchema>>("config-run").IsHidden();
        bench.AddCommand<BenchEpochCommand>("epoch").IsHidden();
        bench.AddCommand<BenchStartupRunCommand>("startup-run").IsHidden();
        bench.AddCommand<BenchInferencePrepareCommand>("inference-prepare").IsHidden();
        bench.AddCommand<BenchInferenceRunCommand>("inference-run").IsHidden();
        bench.AddCommand<BenchTrackingRunCommand>("tracking-run").IsHidden();
        bench.AddCommand<BenchUiRunCommand>("ui-run").IsHidden();
        bench.AddCommand<BenchDataRunCommand>("data-run").IsHidden();
        bench.AddCommand<BenchTableRunCommand>("table-run").IsHidden();
        bench.AddCommand<BenchTpeRunCommand>("tpe-run").IsHidden();
    }
}
