using System.Text.Json.Serialization;

namespace Mlops.Data.Checks;

/// <summary><c>mlops data check --json</c>: the <see cref="DatasetReport"/> as snake_case JSON, generated at compile time.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(DatasetReport))]
public sealed partial class DatasetReportJson : JsonSerializerContext;
