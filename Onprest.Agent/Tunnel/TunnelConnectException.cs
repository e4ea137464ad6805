namespace Onprest.Agent.Tunnel;

/// <summary>A failed challenge fetch or upgrade; <see cref="Exception.Message"/> is the public <c>error</c> text of the stdout event.</summary>
internal sealed class TunnelConnectException : Exception
{
    public TunnelConnectException(string message)
        : base(message)
    {
    }

    public TunnelConnectException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public TunnelConnectException()
    {
    }
}
