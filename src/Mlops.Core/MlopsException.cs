namespace Mlops.Core;

/// <summary>
/// Base of every error a user can act on (bad input, missing file, wrong key). The CLI prints
/// <see cref="Exception.Message"/> and <see cref="Hint"/> without a stack trace and exits with
/// <see cref="ExitCode"/>; anything that is not an <see cref="MlopsException"/> is a bug and keeps its trace.
/// </summary>
public class MlopsException : Exception
{
    public MlopsException(string message, string? hint = null, int exitCode = ExitCodes.UserError, Exception? inner = null)
        : base(message, inner)
    {
        Hint = hint;
        ExitCode = exitCode;
    }

    /// <summary>The fix or the valid choices, printed on the line after the message.</summary>
    public string? Hint { get; }

    public int ExitCode { get; }
}
