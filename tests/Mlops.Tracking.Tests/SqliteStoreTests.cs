using Microsoft.Data.Sqlite;
using Mlops.Core;
using Mlops.Tracking.Sqlite;
using Mlops.Tracking.Sql;

namespace Mlops.Tracking.Tests;

/// <summary>The store contract on SQLite files, and what only a file can get wrong.</summary>
public sealed class SqliteStoreTests : TrackingStoreContract
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mlops-tracking-").FullName;

    private string DbPath => Path.Combine(_dir, "nested", "mlops.db");

    protected override SqlTrackingStore Open(bool migrate) => SqliteTrackingStore.Open(DbPath, migrate);

    protected override async Task ExecuteAsync(string sql)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DbPath)!);
        await using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    protected override Task ResetAsync()
    {
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(DbPath)!)) File.Delete(file);
        return Task.CompletedTask;
    }

    public override Task InitializeAsync() => Task.CompletedTask;

    public override Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_one_clear_error()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DbPath)!);
        File.WriteAllText(DbPath, "this is not SQLite, just text long enough to look like a header of a database file....");
        var error = Assert.Throws<MlopsException>(() => Open(false));
        Assert.StartsWith($"Tracking store '{DbPath}' cannot be opened:", error.Message);
        Assert.Equal(ExitCodes.DataError, error.ExitCode);
    }
}
