using Mlops.Core.Processes;

namespace Mlops.Core.Tests;

public sealed class ChildProcessTests
{
    [Fact]
    public async Task A_child_reports_its_id_and_once_it_exited_has_no_cpu_time_to_read()
    {
        var id = 0;
        var result = await ChildProcess.RunAsync("sh", ["-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; echo done"], CancellationToken.None,
            pid => id = pid);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("done", result.StdOutTail);
        Assert.True(id > 0);
        Assert.Null(ChildProcess.CpuSeconds(id)); // it has exited: nothing to read, no exception
    }

    [Fact]
    public void This_process_has_used_cpu_time_and_it_grows_with_work()
    {
        var before = ChildProcess.CpuSeconds(Environment.ProcessId);
        Assert.NotNull(before);
        var after = before;
        for (var spin = 0L; after <= before && spin < 10_000_000_000L; spin++)
            if (spin % 1_000_000 == 0) after = ChildProcess.CpuSeconds(Environment.ProcessId);
        Assert.True(after > before, $"{before} -> {after}");
    }
}
