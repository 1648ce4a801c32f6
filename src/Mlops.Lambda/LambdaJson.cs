using System.Text.Json.Serialization;

namespace Mlops.Lambda;

/// <summary>The Runtime API's error body, serialized by generated code: the function runs as a native-AOT binary too.</summary>
[JsonSerializable(typeof(LambdaError))]
public sealed partial class LambdaJson : JsonSerializerContext;
