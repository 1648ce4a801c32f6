using Mlops.Tracking;
using Mlops.Tracking.Sqlite;

namespace Mlops.Cli.Tests;

/// <summary>Tables people read: a path is printed whole whenever the console is wide enough for it, the other columns giving way.</summary>
[Collection(InProcessMlops.Collection)]
public sealed class TableLayoutTests : TempDirectoryTest
{
    [Fact]
    public async Task A_registered_folder_is_never_cut_in_models_list()
    {
        var folder = Path.Combine(Dir, "models", "a-team-s-long-folder-name-for-the-ticket-router", "version-with-a-descriptive-name", "served-onnx-export");
        var db = Path.Combine(Dir, "mlops.db");
        await using (var store = SqliteTrackingStore.Open(db))
        {
            var run = await store.CreateRunAsync(new RunStart { Name = "router" }, DateTimeOffset.UtcNow);
            await store.RegisterAsync("router", folder, run, "sha256:" + new string('a', 64), "a person with a long name", DateTimeOffset.UtcNow);
        }
        var list = await InProcessMlops.RunAsync("models", "list", "--name", "router", $"tracking.uri=sqlite:{db}", "--config-dir", InProcessMlops.ConfigDir);
        Assert.True(list.ExitCode == 0, list.All);
        Assert.True(folder.Length < 200, "the console of InProcessMlops is 200 columns wide");
        Assert.Contains(folder, list.StdOut.Split('\n').Select(line => line.Trim()).SelectMany(line => line.Split('│', StringSplitOptions.TrimEntries)));
    }
}
