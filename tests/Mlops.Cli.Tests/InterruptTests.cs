using System.Diagnostics;

namespace Mlops.Cli.Tests;

/// <summary>Ctrl+C (SIGINT) during training saves the resume point, says how to resume, and exits 130; --resume continues.</summary>
public sealed class InterruptTests : TempDirectoryTest
{
    private static readonly string[] TinyRun = ["train", .. MlopsProcess.TinyModel, "training.max_epochs=50", "training.patience=0", "mlops.run.dir=run"];

    [Fact]
    public async Task Sigint_saves_state_and_resume_continues_from_it()
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Dir, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mlops.dll"));
        foreach (var arg in TinyRun) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = new System.Text.StringBuilder();
        // Wait for the first evaluation line, so there is an epoch of state to keep.
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            output.AppendLine(line);
            if (line.StartsWith("epoch 1 ")) break;
        }
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString()])) await kill.WaitForExitAsync();
        output.Append(await process.StandardOutput.ReadToEndAsync());
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 130, output + await stderr);
        Assert.Contains("mlops train --resume run", output.ToString());
        var state = Path.Combine(Dir, "run", "last", "trainer_state.json");
        Assert.True(File.Exists(state));
        Assert.Contains("\"global_step\"", File.ReadAllText(state));

        var resumed = await MlopsProcess.RunAsync(Dir, "train", "--resume", "run", "training.max_epochs=2");
        Assert.True(resumed.ExitCode == 0, resumed.All);
        Assert.Contains("Resumed from", resumed.All);
        Assert.DoesNotContain("epoch 1 ", resumed.StdOut);
        Assert.Contains("epoch 2 ", resumed.StdOut);
    }
}
