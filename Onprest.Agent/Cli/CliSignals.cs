using System.Runtime.InteropServices;

namespace Onprest.Agent.Cli;

/// <summary>
/// Turns SIGINT/SIGTERM (Ctrl+C, service stop) into a cancellation token for the CLI commands, so that for
/// example <c>validate</c> can end at its <c>canceled</c> stage and still write its output (docs/cli.md)
/// instead of the process being killed mid-write.
/// </summary>
internal sealed class CliSignals : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly PosixSignalRegistration[] _registrations;

    public CliSignals()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    public CancellationToken Token => _cancellation.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cancellation.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        _cancellation.Cancel();
    }
}
