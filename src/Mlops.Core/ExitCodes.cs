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
    /// <summary>A file or folder could not be read or written (missing, not writable, disk full); the message names the path.</summary>
    public const int IoError = 6;
    /// <summary>A multirun finished but some of its jobs failed; each failed job's folder holds its error.log.</summary>
    public const int JobsFailed = 7;
    /// <summary>A step of <c>mlops demo</c> failed other than by a command's own exit (a server never got ready, no alarm fired); the message names the step.</summary>
    public const int StepFailed = 8;
    /// <summary>The run was interrupted (Ctrl+C, SIGINT) after saving its state.</summary>
    public const int Interrupted = 130;
    /// <summary>The run was stopped by SIGTERM (a container, scheduler or preemption) after saving its state.</summary>
    public const int Terminated = 143;
}
