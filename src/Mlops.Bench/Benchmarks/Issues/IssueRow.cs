namespace Mlops.Bench.Benchmarks.Issues;

/// <summary>One GitHub issue of the benchmark's TSV: its id, the area it is labelled with, and the two texts classified.</summary>
public sealed record IssueRow(string Id, string Area, string Title, string Description);
