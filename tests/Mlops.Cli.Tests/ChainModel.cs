namespace Mlops.Cli.Tests;

/// <summary>
/// A tiny model trained by <c>mlops train</c> on a table and exported by <c>mlops export</c>, once for a test class: what
/// <see cref="LabelChainTests{TModel}"/> predicts with, serves, invokes and monitors.
/// </summary>
public abstract class ChainModel(string name) : IAsyncLifetime
{
    public string Dir { get; } = Directory.CreateTempSubdirectory($"mlops-{name}-").FullName;

    /// <summary>The run folder <c>mlops train</c> wrote.</summary>
    public string Run => Path.Combine(Dir, "run");

    /// <summary>The exported model folder.</summary>
    public string Served => Path.Combine(Dir, "served");

    /// <summary>The label names in the model's order.</summary>
    public abstract IReadOnlyList<string> Labels { get; }

    public MlopsProcess.Result Train { get; private set; } = null!;

    public MlopsProcess.Result Export { get; private set; } = null!;

    /// <summary>The i-th of the texts to predict, send and replay (any i: they repeat).</summary>
    public abstract string Text(int i);

    /// <summary>Skips (or under CI fails) a test when the model's data is not on this machine.</summary>
    public abstract void RequireData();

    public abstract Task InitializeAsync();

    /// <summary>Trains on the table the <c>data</c> overrides name, then exports.</summary>
    protected async Task TrainAndExportAsync(IEnumerable<string> data)
    {
        Train = await MlopsProcess.RunAsync(Dir, ["train", .. MlopsProcess.QuickRun, .. data, $"mlops.run.dir={Run}"]);
        Assert.True(Train.ExitCode == 0, Train.All);
        Export = await MlopsProcess.RunAsync(Dir, "export", "--model", Run, "--out", Served);
        Assert.True(Export.ExitCode == 0, Export.All);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Dir, recursive: true);
        return Task.CompletedTask;
    }
}
