using Mlops.Tracking.Postgres;
using Npgsql;

namespace Mlops.Bench.Benchmarks;

/// <summary>
/// Throwaway PostgreSQL databases for the tracking load runs: each load starts on an empty store of its own, as the
/// SQLite loads start on a new file, and all are dropped when the benchmark ends.
/// </summary>
public static class BenchDatabases
{
    private const string Prefix = "mlops_bench_";

    /// <summary>
    /// The stores a benchmark runs on, each a way to make a fresh one by name: an SQLite file in <paramref name="work"/>,
    /// and a database on <paramref name="postgres"/> when given.
    /// </summary>
    public static IReadOnlyList<(string Name, Func<string, Task<string>> Create)> Stores(string work, string? postgres, CancellationToken cancellationToken)
    {
        var stores = new List<(string, Func<string, Task<string>>)> { ("SQLite", name => Task.FromResult("sqlite:" + Path.Combine(work, name + ".db"))) };
        if (postgres is not null) stores.Add(("PostgreSQL", name => CreateAsync(postgres, name, cancellationToken)));
        return stores;
    }

    /// <summary>Creates <c>mlops_bench_NAME</c> (dropping a leftover one) on <paramref name="server"/>; returns its tracking URI.</summary>
    public static async Task<string> CreateAsync(string server, string name, CancellationToken cancellationToken)
    {
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {Prefix}{name}", cancellationToken);
        await ExecuteAsync(server, $"CREATE DATABASE {Prefix}{name}", cancellationToken);
        return new UriBuilder(server) { Path = "/" + Prefix + name }.Uri.ToString();
    }

    /// <summary>Drops every database <see cref="CreateAsync"/> made on <paramref name="server"/>.</summary>
    public static async Task DropAllAsync(string server, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(server, cancellationToken);
        var names = new List<string>();
        await using (var list = new NpgsqlCommand($"SELECT datname FROM pg_database WHERE datname LIKE '{Prefix}%'", connection))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) names.Add(reader.GetString(0));
        foreach (var name in names)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE {name}", connection);
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task ExecuteAsync(string server, string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(server, cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<NpgsqlConnection> OpenAsync(string server, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(PostgresTrackingStore.ConnectionSettings(new Uri(server)).ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
