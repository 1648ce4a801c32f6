namespace Mlops.Lambda;

/// <summary>How the function answered one event sent through <see cref="LocalRuntimeApi"/>: its response body, or its error.</summary>
public sealed record LambdaOutcome(string RequestId, byte[]? Response, LambdaError? Error);
