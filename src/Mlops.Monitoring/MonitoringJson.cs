using System.Text.Json.Serialization;
using Mlops.Monitoring.Drift;

namespace Mlops.Monitoring;

/// <summary>The monitoring files' JSON (reference profile, drift reports), generated at compile time for the native-AOT host.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ReferenceProfile))]
[JsonSerializable(typeof(DriftReport))]
[JsonSerializable(typeof(MonitorReport))]
public sealed partial class MonitoringJson : JsonSerializerContext;
