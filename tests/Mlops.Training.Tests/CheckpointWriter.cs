using Mlops.Core;
using Mlops.Model;
using Mlops.Model.Bert;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mlops.Training.Tests;

/// <summary>
/// The child process of the crash tests: trains a tiny model step after step and saves <c>last/</c> and
/// <c>model/</c> after each, with every weight set to the step number so a reader can tell which save each file
/// came from. It resumes from <c>last/</c> when one exists, prints "ready" once its first save is complete,
/// and runs until it is killed or its standard input closes (the parent test is gone).
/// </summary>
public static class CheckpointWriter
{
    public const string Ready = "ready";

    public static string LastPath(string dir) => Path.Combine(dir, "last");

    public static string ModelPath(string dir) => Path.Combine(dir, "model");

    public static AdamW NewOptimizer(BertForSequenceClassification model) => new(model.parameters(), lr: 1e-3);

    public static async Task RunAsync(string dir, int start)
    {
        _ = Task.Run(() =>
        {
            Console.In.ReadToEnd();
            Environment.Exit(3);
        });
        set_num_threads(1);
        using var model = TinySetup.Model();
        var task = new ClassifierTask(model);
        using var optimizer = NewOptimizer(model);
        var last = new ResumeCheckpoint(LastPath(dir));
        if (last.Exists) start = (await last.LoadAsync(task, optimizer)).GlobalStep + 1;
        var vocab = string.Concat(Enumerable.Range(0, TinySetup.Vocab).Select(i => $"[unused{i}]\n"));
        for (var step = start; ; step++)
        {
            OptimizerStep(model, optimizer);
            using (no_grad())
                foreach (var parameter in model.parameters()) parameter.fill_(step);
            await last.SaveAsync(task, optimizer, new TrainerState { GlobalStep = step, BatchInEpoch = step });
            await ClassifierStore.SaveAsync(new ModelDirectory(ModelPath(dir)), model, vocab, new ModelCard
            {
                Labels = ["no", "yes"],
                MaxLength = 16,
                Dataset = "crash-test",
                Metrics = new Dictionary<string, double> { ["step"] = step },
            });
            if (step == start) Console.WriteLine(Ready);
        }
    }

    /// <summary>One real AdamW step on a loss that reaches every parameter, so each parameter's step count advances.</summary>
    private static void OptimizerStep(BertForSequenceClassification model, AdamW optimizer)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var loss = model.parameters().Select(p => p.square().mean()).Aggregate((a, b) => a + b);
        loss.backward();
        optimizer.step();
    }
}
