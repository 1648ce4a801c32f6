namespace Mlops.Lambda;

/// <summary>One event the Lambda service hands the function: its request id, deadline, trace header and payload (the Runtime API's next invocation).</summary>
public sealed record LambdaInvocation(string RequestId, DateTimeOffset Deadline, string? FunctionArn, string? TraceId, byte[] Event);
