using Mlops.Core;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops bench train</c>: training throughput side by side with the PyTorch anchor.</summary>
public sealed class BenchTrainCommand : AsyncCommand<BenchTrainCommand.Settings>
{
    /// <summary>Options of <c>mlops bench train</c>.</summary>
    public sealed class Settings : DatasetSettings
    {
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        throw new MlopsException("`mlops bench train` is not implemented yet.");
}
