using System.Data;
using System.Data.Common;
using Mlops.Core;

namespace Mlops.Tracking.Sql;

/// <summary>The model registry half of the SQL store: versions, aliases and their history, in the same database as the runs.</summary>
public abstract partial class SqlTrackingStore
{
    public Task<ModelVersion> RegisterAsync(string name, string modelDir, string? runId, string? modelId, string? who, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        RegistryNames.Check(name, "model name");
        return WriteAsync(transaction =>
        {
            using var next = Command(transaction, "SELECT coalesce(max(version), 0) + 1 FROM model_versions WHERE name = @name");
            Bind(next, ("@name", name));
            var version = Convert.ToInt32(next.ExecuteScalar());
            using var insert = Command(transaction, """
                INSERT INTO model_versions (name, version, model_dir, run_id, model_id, created_ms, created_by)
                VALUES (@name, @version, @dir, @run, @model, @now, @who)
                """);
            Bind(insert, ("@name", name), ("@version", (long)version), ("@dir", modelDir), ("@run", runId), ("@model", modelId),
                ("@now", now.ToUnixTimeMilliseconds()), ("@who", who));
            insert.ExecuteNonQuery();
            return new ModelVersion { Name = name, Version = version, ModelDir = modelDir, RunId = runId, ModelId = modelId, CreatedAt = now, CreatedBy = who };
        }, cancellationToken);
    }

    public Task<AliasChange> SetAliasAsync(string name, string alias, int version, string? who, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        RegistryNames.Check(alias, "alias");
        return WriteAsync(transaction =>
        {
            using var exists = Command(transaction, "SELECT count(*) FROM model_versions WHERE name = @name AND version = @version");
            Bind(exists, ("@name", name), ("@version", (long)version));
            if (Convert.ToInt64(exists.ExecuteScalar()) == 0)
                throw new MlopsException($"Model '{name}' has no version {version}.", $"See its versions: mlops models list --name {name}", ExitCodes.UserError);
            return MoveAlias(transaction, name, alias, version, who, now);
        }, cancellationToken);
    }

    public Task<AliasChange> RollbackAliasAsync(string name, string alias, string? who, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        WriteAsync(transaction =>
        {
            using var last = Command(transaction, "SELECT from_version FROM alias_history WHERE name = @name AND alias = @alias ORDER BY id DESC LIMIT 1");
            Bind(last, ("@name", name), ("@alias", alias));
            return last.ExecuteScalar() switch
            {
                null => throw new MlopsException($"Model '{name}' has no alias '{alias}'.", $"See its aliases: mlops models list --name {name}", ExitCodes.UserError),
                DBNull => throw new MlopsException($"Alias '{alias}' of '{name}' has no earlier version to go back to (it was just created).",
                    $"Point it where it should go: mlops models alias --name {name} --alias {alias} --version N", ExitCodes.UserError),
                var previous => MoveAlias(transaction, name, alias, Convert.ToInt32(previous), who, now),
            };
        }, cancellationToken);

    /// <summary>Points the alias at <paramref name="version"/> and appends the move to the history, in the caller's transaction.</summary>
    private AliasChange MoveAlias(DbTransaction transaction, string name, string alias, int version, string? who, DateTimeOffset now)
    {
        using var current = Command(transaction, "SELECT version FROM model_aliases WHERE name = @name AND alias = @alias");
        Bind(current, ("@name", name), ("@alias", alias));
        var from = current.ExecuteScalar() is { } v and not DBNull ? Convert.ToInt32(v) : (int?)null;
        using var upsert = Command(transaction, """
            INSERT INTO model_aliases (name, alias, version) VALUES (@name, @alias, @version)
            ON CONFLICT (name, alias) DO UPDATE SET version = excluded.version
            """);
        Bind(upsert, ("@name", name), ("@alias", alias), ("@version", (long)version));
        upsert.ExecuteNonQuery();
        using var history = Command(transaction, """
            INSERT INTO alias_history (name, alias, from_version, to_version, changed_by, changed_ms) VALUES (@name, @alias, @from, @to, @who, @now)
            """);
        Bind(history, ("@name", name), ("@alias", alias), ("@to", (long)version), ("@who", who), ("@now", now.ToUnixTimeMilliseconds()));
        Parameter(history, "@from", DbType.Int64).Value = from is { } f ? (long)f : DBNull.Value;
        history.ExecuteNonQuery();
        return new AliasChange(name, alias, from, version, who, now);
    }

    public async Task<ModelVersion?> ResolveAsync(string name, string aliasOrVersion, CancellationToken cancellationToken = default)
    {
        var versions = await VersionsAsync(name, cancellationToken);
        return int.TryParse(aliasOrVersion, out var number)
            ? versions.FirstOrDefault(v => v.Version == number)
            : versions.FirstOrDefault(v => v.Aliases.Contains(aliasOrVersion));
    }

    public Task<IReadOnlyList<string>> ModelNamesAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<string>>(() => Strings("SELECT DISTINCT name FROM model_versions ORDER BY name"), cancellationToken);

    public Task<IReadOnlyList<ModelVersion>> VersionsAsync(string name, CancellationToken cancellationToken = default) =>
        ReadAsync(() => Versions("v.name = @name", "v.version DESC", ("@name", name)), cancellationToken);

    public Task<IReadOnlyList<ModelVersion>> VersionsOfModelAsync(string modelId, CancellationToken cancellationToken = default) =>
        ReadAsync(() => Versions("v.model_id = @model", "v.created_ms DESC, v.name, v.version DESC", ("@model", modelId)), cancellationToken);

    /// <summary>The versions <paramref name="where"/> selects from <c>model_versions v</c>, in <paramref name="order"/>, each with its aliases.</summary>
    private IReadOnlyList<ModelVersion> Versions(string where, string order, params (string Name, object? Value)[] parameters)
    {
        var aliases = new Dictionary<(string Name, int Version), List<string>>();
        using (var aliasCommand = Command(null, $"""
            SELECT a.name, a.version, a.alias FROM model_aliases a JOIN model_versions v ON v.name = a.name AND v.version = a.version
            WHERE {where} ORDER BY a.alias
            """))
        {
            Bind(aliasCommand, parameters);
            using var reader = aliasCommand.ExecuteReader();
            while (reader.Read())
            {
                var key = (reader.GetString(0), Convert.ToInt32(reader.GetValue(1)));
                if (!aliases.TryGetValue(key, out var list)) aliases[key] = list = [];
                list.Add(reader.GetString(2));
            }
        }
        using var command = Command(null, $"""
            SELECT v.name, v.version, v.model_dir, v.run_id, v.model_id, v.created_ms, v.created_by FROM model_versions v WHERE {where} ORDER BY {order}
            """);
        Bind(command, parameters);
        using var rows = command.ExecuteReader();
        var versions = new List<ModelVersion>();
        while (rows.Read())
        {
            var (name, version) = (rows.GetString(0), Convert.ToInt32(rows.GetValue(1)));
            versions.Add(new ModelVersion
            {
                Name = name,
                Version = version,
                ModelDir = rows.GetString(2),
                RunId = rows.IsDBNull(3) ? null : rows.GetString(3),
                ModelId = rows.IsDBNull(4) ? null : rows.GetString(4),
                CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(rows.GetValue(5))),
                CreatedBy = rows.IsDBNull(6) ? null : rows.GetString(6),
                Aliases = aliases.GetValueOrDefault((name, version)) ?? [],
            });
        }
        return versions;
    }

    public Task<IReadOnlyList<AliasChange>> AliasHistoryAsync(string name, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<AliasChange>>(() =>
        {
            using var command = Command(null, "SELECT alias, from_version, to_version, changed_by, changed_ms FROM alias_history WHERE name = @name ORDER BY id");
            Bind(command, ("@name", name));
            using var reader = command.ExecuteReader();
            var changes = new List<AliasChange>();
            int? Version(int column) => reader.IsDBNull(column) ? null : Convert.ToInt32(reader.GetValue(column));
            while (reader.Read())
                changes.Add(new AliasChange(name, reader.GetString(0), Version(1), Version(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(4)))));
            return changes;
        }, cancellationToken);
}
