namespace Mlops.Lambda;

/// <summary>How the function answered one event as the Runtime API received it (the stand-in tests and benchmarks run, Mlops.Testing.LocalRuntimeApi): its response body, or its error.</summary>
public sealed record LambdaOutcome(string RequestId, byte[]? Response, LambdaError? Error);
