namespace Mlops.Lambda;

/// <summary>What the function answers one event with: a JSON body, or an invocation error.</summary>
public sealed record HandlerAnswer(byte[]? Body, LambdaError? Error)
{
    public static HandlerAnswer Of(byte[] body) => new(body, null);

    public static HandlerAnswer Failed(string type, string message) => new(null, new LambdaError(type, message));
}
