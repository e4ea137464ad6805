using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Text;
using Onprest.Contracts.Tunnel;

namespace Onprest.Agent.Tunnel;

/// <summary>
/// Opens the agent's own TCP (and, for <c>wss</c>, TLS) stream, performs the RFC 6455 upgrade with the signed headers
/// and validates the answer (docs/tunnel-protocol.md): status 101, <c>Upgrade: websocket</c>, a <c>Connection</c> header
/// with the token <c>upgrade</c>, the right <c>Sec-WebSocket-Accept</c>, no extension and no subprotocol.
/// </summary>
internal static class WebSocketUpgrade
{
    private const int MaxHeadBytes = 16 * 1024;
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    public static async Task<(WebSocket Socket, ActivityStream Stream)> ConnectAsync(GatewayAddress address, SignedHandshake handshake, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        Stream? stream = null;
        try
        {
            stream = await OpenStreamAsync(address, deadline.Token).ConfigureAwait(false);
            await stream.WriteAsync(BuildRequest(address, handshake), deadline.Token).ConfigureAwait(false);
            var head = await ReadHeadAsync(stream, deadline.Token).ConfigureAwait(false);
            Validate(head, handshake.WebSocketKey);
            var activity = new ActivityStream(stream, time);
            var socket = WebSocket.CreateFromStream(activity, new WebSocketCreationOptions
            {
                IsServer = false,
                SubProtocol = null,

                // docs/tunnel-protocol.md: the agent does not send pings; it only answers them.
                KeepAliveInterval = TimeSpan.Zero,
            });
            return (socket, activity);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            stream?.Dispose();
            throw new TunnelConnectException("gateway connect failed: timed out");
        }
        catch (Exception ex) when (ex is SocketException or IOException or AuthenticationException)
        {
            stream?.Dispose();
            throw new TunnelConnectException("gateway connect failed: " + Describe(ex), ex);
        }
        catch (TunnelConnectException)
        {
            stream?.Dispose();
            throw;
        }
    }

    internal static byte[] BuildRequest(GatewayAddress address, SignedHandshake handshake)
    {
        var request = new StringBuilder(512)
            .Append("GET ").Append(address.Path).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(address.HostHeader).Append("\r\n")
            .Append("Upgrade: websocket\r\n")
            .Append("Connection: Upgrade\r\n")
            .Append("Sec-WebSocket-Version: 13\r\n")
            .Append(TunnelProtocol.WebSocketKeyHeader).Append(": ").Append(handshake.WebSocketKey).Append("\r\n")
            .Append(TunnelProtocol.TimestampHeader).Append(": ").Append(handshake.Timestamp).Append("\r\n")
            .Append(TunnelProtocol.NonceHeader).Append(": ").Append(handshake.Nonce).Append("\r\n")
            .Append(TunnelProtocol.ChallengeHeader).Append(": ").Append(handshake.Challenge).Append("\r\n")
            .Append(TunnelProtocol.SignatureHeader).Append(": ").Append(handshake.Signature).Append("\r\n")
            .Append("\r\n");
        return Encoding.ASCII.GetBytes(request.ToString());
    }

    /// <summary>Checks the response head; throws <see cref="TunnelConnectException"/> with a public text.</summary>
    internal static void Validate(UpgradeResponse head, string webSocketKey)
    {
        if (head.Status != 101)
        {
            throw new TunnelConnectException($"gateway connect failed: {head.Status} {head.Reason}".TrimEnd());
        }

        if (!head.Single("upgrade", out var upgrade) || !string.Equals(upgrade.Trim(), "websocket", StringComparison.OrdinalIgnoreCase))
        {
            throw new TunnelConnectException("gateway connect failed: invalid Upgrade header");
        }

        var connectionTokens = head.All("connection").SelectMany(v => v.Split(',')).Select(t => t.Trim());
        if (!connectionTokens.Any(t => string.Equals(t, "upgrade", StringComparison.OrdinalIgnoreCase)))
        {
            throw new TunnelConnectException("gateway connect failed: invalid Connection header");
        }

        var expected = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(webSocketKey + AcceptGuid)));
        if (!head.Single("sec-websocket-accept", out var accept) || !string.Equals(accept.Trim(), expected, StringComparison.Ordinal))
        {
            throw new TunnelConnectException("gateway connect failed: invalid Sec-WebSocket-Accept header");
        }

        if (head.All("sec-websocket-extensions").Any() || head.All("sec-websocket-protocol").Any())
        {
            throw new TunnelConnectException("gateway connect failed: the gateway negotiated an extension or subprotocol");
        }
    }

    private static async Task<Stream> OpenStreamAsync(GatewayAddress address, CancellationToken cancellationToken)
    {
        // Direct connection: proxy environment variables are ignored (docs/tunnel-protocol.md).
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(address.Host, address.Port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var network = new NetworkStream(socket, ownsSocket: true);
        if (!address.UseTls)
        {
            return network;
        }

        var tls = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = address.Host,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return tls;
    }

    /// <summary>Reads the response head byte by byte so no WebSocket frame bytes after it are consumed.</summary>
    private static async Task<UpgradeResponse> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var bytes = new List<byte>(256);
        var one = new byte[1];
        while (!(bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n'))
        {
            if (bytes.Count >= MaxHeadBytes)
            {
                throw new TunnelConnectException("gateway connect failed: response head too large");
            }

            if (await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new TunnelConnectException("gateway connect failed: connection closed during the upgrade");
            }

            bytes.Add(one[0]);
        }

        return UpgradeResponse.Parse(Encoding.Latin1.GetString(bytes.ToArray()));
    }

    private static string Describe(Exception ex) => ex switch
    {
        SocketException socket => socket.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused",
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "name resolution failed",
            SocketError.TimedOut => "timed out",
            _ => "connection failed",
        },
        AuthenticationException => "TLS handshake failed",
        _ => "connection failed",
    };
}
