namespace Mlops.Tracking;

/// <summary>
/// Named models with numbered versions and free-form aliases (<c>champion</c>, <c>staging</c>) whose every move is kept
/// in an append-only history, so a rollback is one call; <c>models:/cola@champion</c> and <c>models:/cola/3</c> resolve
/// through it to a model folder.
/// </summary>
public interface IModelRegistry
{
    /// <summary>Registers <paramref name="modelDir"/> as the next version of <paramref name="name"/> (1 for a new name).</summary>
    Task<ModelVersion> RegisterAsync(string name, string modelDir, string? runId, string? modelId, string? who, DateTimeOffset now,
        CancellationToken cancellationToken = default);

    /// <summary>Points <paramref name="alias"/> at <paramref name="version"/> and records the move.</summary>
    Task<AliasChange> SetAliasAsync(string name, string alias, int version, string? who, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Points <paramref name="alias"/> back where its last move took it from, and records that move too.</summary>
    Task<AliasChange> RollbackAliasAsync(string name, string alias, string? who, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The version an alias or a version number names; null when there is none.</summary>
    Task<ModelVersion?> ResolveAsync(string name, string aliasOrVersion, CancellationToken cancellationToken = default);

    /// <summary>The name of every registered model, in order.</summary>
    Task<IReadOnlyList<string>> ModelNamesAsync(CancellationToken cancellationToken = default);

    /// <summary>Every version of a model, newest first, with its aliases.</summary>
    Task<IReadOnlyList<ModelVersion>> VersionsAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every registered version, of any name, whose model id is <paramref name="modelId"/>, newest first: where a model known by its id is.</summary>
    Task<IReadOnlyList<ModelVersion>> VersionsOfModelAsync(string modelId, CancellationToken cancellationToken = default);

    /// <summary>Every alias move of a model, oldest first.</summary>
    Task<IReadOnlyList<AliasChange>> AliasHistoryAsync(string name, CancellationToken cancellationToken = default);
}
