namespace Mlops.Bench.MlNet;

/// <summary>Bad arguments or input: the anchor prints the message as one line and exits with <see cref="ExitCode"/> (2 arguments, 3 data).</summary>
public sealed class AnchorException(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
