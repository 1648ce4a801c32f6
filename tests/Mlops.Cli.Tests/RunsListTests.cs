using Mlops.Tracking;
using Mlops.Tracking.Sqlite;

namespace Mlops.Cli.Tests;

/// <summary><c>mlops runs list</c> over a store written here: numbers in a filter compare as numbers, and a key no run has is one line naming the nearest.</summary>
[Collection(InProcessMlops.Collection)]
public sealed class RunsListTests : TempDirectoryTest
{
    /// <summary>A store with one finished run as the default config writes it (<c>training.lr: 1.0e-4</c>); returns its id.</summary>
    private async Task<string> StoreAsync()
    {
        await using var store = SqliteTrackingStore.Open(Path.Combine(Dir, "mlops.db"));
        var now = DateTimeOffset.UtcNow;
        var id = await store.CreateRunAsync(new RunStart
        {
            Name = "2026-12-06/10-00-00",
            Params = new Dictionary<string, string> { ["training.lr"] = "1.0e-4", ["training.max_epochs"] = "3" },
        }, now);
        await store.AppendAsync(id, [new("val_mcc", 10, 0.41, now), new("val_loss", 10, 0.58, now)], now);
        await store.EndRunAsync(id, RunStatus.Finished, new RunEnd(), now);
        return id;
    }

    private Task<MlopsProcess.Result> ListAsync(params string[] args) =>
        InProcessMlops.RunAsync(["runs", "list", .. args, $"tracking.uri=sqlite:{Path.Combine(Dir, "mlops.db")}", "--config-dir", InProcessMlops.ConfigDir]);

    [Fact]
    public async Task A_number_matches_the_param_however_the_run_wrote_it()
    {
        var id = await StoreAsync();
        foreach (var lr in new[] { "0.0001", "1e-4", "1.0e-4" })
        {
            var result = await ListAsync("--filter", $"training.lr = {lr}");
            Assert.True(result.ExitCode == 0, result.All);
            Assert.Contains(id, result.StdOut);
        }
    }

    [Theory]
    [InlineData("--sort", "val_mc", "No run has a metric 'val_mc' to sort by; nearest: val_mcc, val_loss.")]
    [InlineData("--filter", "training.lrr = 0.0001", "No run has a metric or param 'training.lrr' (in 'training.lrr = 0.0001'); nearest: training.lr,")]
    [InlineData("--filter", "training.max_epoch = 3 and val_mcc > 0.3", "nearest: training.max_epochs,")]
    public async Task A_key_no_run_has_is_one_line_naming_the_nearest_keys(string option, string value, string expected)
    {
        await StoreAsync();
        var result = await ListAsync(option, value);
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.All}");
        UserErrorTests.AssertNoStackTrace(result);
        Assert.Contains(expected, Assert.Single(result.StdErr.Split('\n'), line => line.StartsWith("error:")));
        Assert.DoesNotContain("No runs match", result.StdOut);
    }
}
