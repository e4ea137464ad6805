using System.Net;
using System.Net.Sockets;

namespace Onprest.Gateway.Tests.Testing;

/// <summary>
/// HTTP clients whose connections leave from a chosen loopback address (any of 127.0.0.0/8 on Linux), so one
/// real gateway on 127.0.0.1 sees several distinct TCP peers.
/// </summary>
public static class LoopbackSource
{
    public static HttpClient Client(IPAddress local, Uri baseAddress) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };
}
