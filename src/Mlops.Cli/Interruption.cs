using System.Runtime.InteropServices;

namespace Mlops.Cli;

/// <summary>
/// Turns SIGINT (Ctrl+C) and SIGTERM (containers, Slurm, Kubernetes, preemption) into one cancellation: the running
/// step finishes, the resume point is saved, and the process exits 130 or 143 by the signal that asked. The same signal
/// a second time is left to its default action, so a stuck process can still be killed; the other signal after the
/// first is absorbed, because a multirun job gets Ctrl+C from its terminal and SIGTERM from its parent for one request.
/// </summary>
public sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;
    private readonly Action<string> _announce;

    public Interruption(Action<string> announce)
    {
        _announce = announce;
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    public CancellationToken Token => _source.Token;

    /// <summary>The signal that cancelled the run, or null while none has.</summary>
    public PosixSignal? Signal { get; private set; }

    /// <summary>The shell convention 128 + signal number: 130 for SIGINT, 143 for SIGTERM.</summary>
    public int ExitCode => Signal == PosixSignal.SIGTERM ? Core.ExitCodes.Terminated : Core.ExitCodes.Interrupted;

    private void Handle(PosixSignalContext context)
    {
        if (_source.IsCancellationRequested)
        {
            context.Cancel = context.Signal != Signal; // a repeat of the first signal ends the process
            return;
        }
        context.Cancel = true;
        Signal = context.Signal;
        var name = context.Signal == PosixSignal.SIGINT ? "Interrupt (SIGINT)" : "SIGTERM";
        _announce($"{name} received: finishing what is in flight (a training step and its resume point, or open requests), then stopping; send it again to abort...");
        _source.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _source.Dispose();
    }
}
