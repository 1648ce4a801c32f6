namespace Mlops.Runs.Search;

/// <summary>One searched config key (<c>training.lr</c>) and where its values may lie.</summary>
public sealed record SearchParameter(string Key, Distribution Distribution);
