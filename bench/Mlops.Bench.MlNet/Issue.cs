using Microsoft.ML.Data;

namespace Mlops.Bench.MlNet;

/// <summary>One row of the issues TSV (<c>ID, Area, Title, Description</c>), as ML.NET's TextLoader maps it by column position.</summary>
public sealed class Issue
{
    [LoadColumn(0)] public string Id { get; set; } = "";
    [LoadColumn(1)] public string Area { get; set; } = "";
    [LoadColumn(2)] public string Title { get; set; } = "";
    [LoadColumn(3)] public string Description { get; set; } = "";
}
