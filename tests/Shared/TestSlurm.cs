namespace Mlops.Tests;

/// <summary>The Slurm cluster the launcher tests submit to: MLOPS_TEST_SLURM names its partition (.ci/run starts a one-node cluster).</summary>
public static class TestSlurm
{
    public const string Variable = "MLOPS_TEST_SLURM";

    /// <summary>The partition to submit to; without one the test skips (fails under CI) saying how to enable it.</summary>
    public static string Require()
    {
        var partition = Environment.GetEnvironmentVariable(Variable);
        Prerequisite.Require(partition is not null, "No Slurm cluster",
            $"start one (.ci/slurm.sh sets up a one-node cluster as root) and set {Variable}=<partition> to run this test.");
        return partition;
    }
}
