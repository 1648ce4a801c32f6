namespace Mlops.Cli.Tests;

/// <summary>A model trained by <c>mlops train</c> on a table and exported by <c>mlops export</c>, whose chain <see cref="LabelChainTests{TModel}"/> follows.</summary>
public interface IChainModel
{
    /// <summary>The run folder <c>mlops train</c> wrote.</summary>
    string Run { get; }

    /// <summary>The exported model folder.</summary>
    string Served { get; }

    /// <summary>The label names in the model's order.</summary>
    IReadOnlyList<string> Labels { get; }

    MlopsProcess.Result Train { get; }

    MlopsProcess.Result Export { get; }

    /// <summary>The i-th of the texts to predict, send and replay (any i: they repeat).</summary>
    string Text(int i);

    /// <summary>Skips (or under CI fails) a test when the model's data is not on this machine.</summary>
    void RequireData();
}
