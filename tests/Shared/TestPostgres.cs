namespace Mlops.Tests;

/// <summary>The PostgreSQL server the tracking tests use: MLOPS_TEST_POSTGRES names it (.ci/run and the CI workflow start one).</summary>
public static class TestPostgres
{
    public const string Variable = "MLOPS_TEST_POSTGRES";

    /// <summary>The server's URI (postgresql://user@127.0.0.1:PORT/postgres), or null when none is configured.</summary>
    public static string? Server => Environment.GetEnvironmentVariable(Variable);

    /// <summary>The server's URI; without one the test skips (fails under CI) saying how to enable it.</summary>
    public static string Require()
    {
        var server = Server;
        Prerequisite.Require(server is not null, "No PostgreSQL server",
            $"set {Variable}=postgresql://postgres@127.0.0.1:PORT/postgres (.ci/run starts one) to run this test.");
        return server;
    }
}
