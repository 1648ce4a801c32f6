namespace Mlops.Core;

/// <summary>Process exit codes of the <c>mlops</c> command, so scripts and CI can tell failures apart.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>An unexpected error: a bug, reported with its stack trace.</summary>
    public const int Unexpected = 1;
    /// <summary>A user error: bad arguments or input.</summary>
    public const int UserError = 2;
    /// <summary>Data could not be found or read.</summary>
    public const int DataError = 3;
    /// <summary>A model, checkpoint or weights file could not be found or does not fit.</summary>
    public const int ModelError = 4;
    /// <summary>The configuration could not be composed, resolved or bound (bad override, unknown key, wrong type).</summary>
    public const int ConfigError = 5;
    /// <summary>The run was interrupted (Ctrl+C) after saving its state.</summary>
    public const int Interrupted = 130;
}
