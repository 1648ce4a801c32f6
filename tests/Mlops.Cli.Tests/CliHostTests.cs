using Mlops.Core;
using Spectre.Console.Cli;

namespace Mlops.Cli.Tests;

/// <summary>
/// What the host makes of failures that are not user errors: an I/O failure is one line naming the path (exit 6),
/// a bug keeps its stack trace and says where the run's full log is (exit 1).
/// </summary>
[Collection(InProcessMlops.Collection)]
public sealed class CliHostTests
{
    /// <summary>Fails the way a full disk does while saving.</summary>
    private sealed class DiskFullCommand : Command<EmptyCommandSettings>
    {
        public override int Execute(CommandContext context, EmptyCommandSettings settings, CancellationToken cancellationToken) =>
            throw new IOException("No space left on device : '/runs/r1/last.staging-1a2b/model.safetensors'");
    }

    /// <summary>Fails the way a bug does, after a run recorded its log file on the exception.</summary>
    private sealed class BrokenInvariantCommand : Command<EmptyCommandSettings>
    {
        public override int Execute(CommandContext context, EmptyCommandSettings settings, CancellationToken cancellationToken)
        {
            var bug = new InvalidOperationException("the batch has 3 rows but 4 labels");
            bug.Data[CliHost.LogFileKey] = "/runs/r1/train.log";
            throw bug;
        }
    }

    private static void Configure(IConfigurator config)
    {
        config.PropagateExceptions();
        config.AddCommand<DiskFullCommand>("save");
        config.AddCommand<BrokenInvariantCommand>("step");
    }

    [Fact]
    public async Task An_io_failure_is_one_line_naming_the_path_without_a_trace()
    {
        var result = await InProcessMlops.RunAsync(Configure, "save");
        Assert.Equal(ExitCodes.IoError, result.ExitCode);
        Assert.Contains("error: No space left on device : '/runs/r1/last.staging-1a2b/model.safetensors'", result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
    }

    [Fact]
    public async Task A_bug_exits_1_with_its_trace_and_the_path_of_the_full_log()
    {
        var result = await InProcessMlops.RunAsync(Configure, "step");
        Assert.Equal(ExitCodes.Unexpected, result.ExitCode);
        Assert.Contains("Unexpected InvalidOperationException: the batch has 3 rows but 4 labels", result.StdErr);
        Assert.Contains("   at ", result.StdErr);
        Assert.Contains("The full log is '/runs/r1/train.log'", result.StdErr);
    }
}
