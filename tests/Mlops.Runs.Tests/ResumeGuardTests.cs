using Mlops.Config.Yaml;
using Mlops.Core;

namespace Mlops.Runs.Tests;

/// <summary>--resume refuses overrides that would make the run a different one, and explains a longer schedule.</summary>
public sealed class ResumeGuardTests
{
    private const string Saved = """
        model: {shape: tiny, hidden: 32}
        data: {name: synthetic, dir: null, batch_size: 32}
        training: {max_epochs: 3, lr: 1.0e-4, seed: 42, threads: null}
        tracking: {backend: jsonl}
        """;

    private static IReadOnlyList<string> Check(string resumed) =>
        ResumeGuard.Check("run", YamlConfigReader.Read(Saved, "saved"), YamlConfigReader.Read(resumed, "resumed"));

    [Theory]
    [InlineData("model: {shape: tiny, hidden: 64}", "model.hidden (32 -> 64)")]
    [InlineData("data: {name: synthetic, dir: null, batch_size: 16}", "data.batch_size (32 -> 16)")]
    [InlineData("training: {max_epochs: 3, lr: 3.0e-4, seed: 42, threads: null}", "training.lr (1.0e-4 -> 3.0e-4)")]
    [InlineData("training: {max_epochs: 3, lr: 1.0e-4, seed: 7, threads: null}", "training.seed (42 -> 7)")]
    public void Changes_that_make_a_different_run_are_refused_naming_the_key(string change, string named)
    {
        var resumed = YamlConfigReader.Read(Saved, "saved");
        resumed.MergeFrom(YamlConfigReader.Read(change, "change"));
        var error = Assert.Throws<MlopsException>(() => ResumeGuard.Check("run", YamlConfigReader.Read(Saved, "saved"), resumed));
        Assert.Contains(named, error.Message);
        Assert.Equal(ExitCodes.ConfigError, error.ExitCode);
        Assert.Contains("--config-from run", error.Hint);
    }

    [Fact]
    public void Where_the_data_lives_threads_and_tracking_may_change()
    {
        var notes = Check("""
            model: {shape: tiny, hidden: 32}
            data: {name: synthetic, dir: /elsewhere, batch_size: 32}
            training: {max_epochs: 3, lr: 1.0e-4, seed: 42, threads: 4}
            tracking: {backend: none}
            """);
        Assert.Empty(notes);
    }

    [Fact]
    public void More_epochs_pass_with_a_note_on_the_schedule_and_fewer_are_refused()
    {
        var notes = Check("""
            model: {shape: tiny, hidden: 32}
            data: {name: synthetic, dir: null, batch_size: 32}
            training: {max_epochs: 5, lr: 1.0e-4, seed: 42, threads: null}
            tracking: {backend: jsonl}
            """);
        Assert.Contains("training.max_epochs 3 -> 5", Assert.Single(notes));
        Assert.Contains("learning-rate schedule", notes[0]);

        var error = Assert.Throws<MlopsException>(() => Check("""
            model: {shape: tiny, hidden: 32}
            data: {name: synthetic, dir: null, batch_size: 32}
            training: {max_epochs: 2, lr: 1.0e-4, seed: 42, threads: null}
            tracking: {backend: jsonl}
            """));
        Assert.Contains("can only grow", error.Message);
    }
}
