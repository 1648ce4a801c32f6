namespace Mlops.Training.Tests;

/// <summary>Tests that start child processes and build models while they run: alone, so no other test's torch seed or threads interfere.</summary>
[CollectionDefinition(nameof(ChildProcessCollection), DisableParallelization = true)]
public sealed class ChildProcessCollection;
