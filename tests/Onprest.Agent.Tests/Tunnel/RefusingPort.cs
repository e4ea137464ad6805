using System.Net;
using System.Net.Sockets;

namespace Onprest.Agent.Tests.Tunnel;

/// <summary>
/// A loopback port that refuses every connection for as long as this object lives: the socket is bound but never
/// listens. Unlike a port freed by a stopped listener, no other test (or server) can take it in the meantime.
/// </summary>
internal sealed class RefusingPort : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public RefusingPort()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public void Dispose() => _socket.Dispose();
}
