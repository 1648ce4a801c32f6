using Mlops.Core;
using Mlops.Tracking.Postgres;
using Npgsql;
using Mlops.Tracking.Sql;

namespace Mlops.Tracking.Tests;

/// <summary>
/// The store contract on a real PostgreSQL server, each test in a database of its own. MLOPS_TEST_POSTGRES names the
/// server (postgresql://user@127.0.0.1:PORT/postgres; .ci/run starts one); without it these tests skip, and fail under CI.
/// </summary>
public sealed class PostgresStoreTests : TrackingStoreContract
{
    private static readonly string? Server = TestPostgres.Server;
    private readonly string _database = "mlops_test_" + Guid.NewGuid().ToString("N")[..12];

    protected override void RequireBackend() => TestPostgres.Require();

    private Uri StoreUri => new UriBuilder(Server!) { Path = "/" + _database }.Uri;

    protected override SqlTrackingStore Open(bool migrate) => PostgresTrackingStore.Open(StoreUri, migrate);

    private static NpgsqlConnection Connect(Uri uri) => new(PostgresTrackingStore.ConnectionSettings(uri).ConnectionString);

    private static async Task AdminAsync(string sql)
    {
        await using var connection = Connect(new Uri(Server!));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = Connect(StoreUri);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task ResetAsync()
    {
        await AdminAsync($"DROP DATABASE {_database} WITH (FORCE)");
        await AdminAsync($"CREATE DATABASE {_database}");
    }

    public override async Task InitializeAsync()
    {
        if (Server is not null) await AdminAsync($"CREATE DATABASE {_database}");
    }

    public override async Task DisposeAsync()
    {
        if (Server is not null) await AdminAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
    }

    [Fact]
    public void An_unreachable_server_is_one_clear_error()
    {
        var error = Assert.Throws<MlopsException>(() => PostgresTrackingStore.Open(new Uri("postgresql://nobody@127.0.0.1:1/none")));
        Assert.StartsWith("Tracking store 'postgresql://127.0.0.1:1/none' cannot be opened:", error.Message);
        Assert.Equal(ExitCodes.DataError, error.ExitCode);
    }
}
