using Mlops.Cli;
using Mlops.Cli.Commands;
using Mlops.Model;
using Spectre.Console.Cli;

NativeAllocator.TuneForTensors();

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("mlops");
    config.PropagateExceptions();
    config.Settings.StrictParsing = true;
    config.AddCommand<TrainCommand>("train")
        .WithDescription("Train a sentence-acceptability classifier and keep the best model.")
        .WithExample("train")
        .WithExample("train", "--dataset", "cola", "--data-dir", "../shared/data/cola", "--pretrained", "minilm");
    config.AddCommand<EvaluateCommand>("evaluate")
        .WithDescription("Evaluate a saved model on a dataset's validation parts.")
        .WithExample("evaluate", "--checkpoint", "models/default/model");
    config.AddCommand<PredictCommand>("predict")
        .WithDescription("Classify sentences with a saved model: acceptable or unacceptable, with probabilities.")
        .WithExample("predict", "\"The cat sat on the mat.\"");
    config.AddBranch("bench", bench =>
    {
        bench.SetDescription("Benchmarks, measured side by side with the PyTorch anchor.");
        bench.AddCommand<BenchTrainCommand>("train")
            .WithDescription("Training throughput (sentences/s) and a whole CoLA epoch, against ../shared/anchors/torch_bert.py.");
        bench.AddCommand<BenchStepCommand>("train-step").IsHidden();
        bench.AddCommand<BenchEpochCommand>("epoch").IsHidden();
    });
});
return await CliHost.RunAsync(app, args);
