using System.Net.Sockets;
using System.Text;

namespace Onprest.Gateway.Tests.Tunnel;

/// <summary>
/// A byte-exact HTTP/1.1 client over a plain TCP socket, so tests control every header line (duplicates included)
/// and can keep the stream after a 101 for <see cref="System.Net.WebSockets.WebSocket.CreateFromStream(Stream, bool, string?, TimeSpan)"/>.
/// </summary>
internal static class RawHttp
{
    public static async Task<RawResponse> SendAsync(int port, string method, string path, IEnumerable<(string Name, string Value)> headers, byte[]? body = null, bool chunked = false)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        var head = new StringBuilder();
        head.Append(method).Append(' ').Append(path).Append(" HTTP/1.1\r\n");
        head.Append("Host: 127.0.0.1:").Append(port).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (body is not null && chunked)
        {
            head.Append("Transfer-Encoding: chunked\r\n");
        }
        else if (body is not null)
        {
            head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        }

        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        if (body is not null && chunked)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{body.Length:x}\r\n"));
            await stream.WriteAsync(body);
            await stream.WriteAsync("\r\n0\r\n\r\n"u8.ToArray());
        }
        else if (body is not null)
        {
            await stream.WriteAsync(body);
        }

        var (status, responseHeaders) = await ReadHeadAsync(stream);
        var responseBody = "";
        if (status != 101 && responseHeaders.TryGetValue("content-length", out var lengthText) && int.Parse(lengthText) > 0)
        {
            var buffer = new byte[int.Parse(lengthText)];
            await stream.ReadExactlyAsync(buffer);
            responseBody = Encoding.UTF8.GetString(buffer);
        }

        return new RawResponse(status, responseHeaders, responseBody, client, stream);
    }

    private static async Task<(int Status, Dictionary<string, string> Headers)> ReadHeadAsync(Stream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count < 4 || !(bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new IOException("connection closed before the response head ended");
            }

            bytes.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString(bytes.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var status = int.Parse(lines[0].Split(' ')[1]);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        return (status, headers);
    }
}

internal sealed record RawResponse(int Status, Dictionary<string, string> Headers, string Body, TcpClient Client, Stream Stream) : IDisposable
{
    public void Dispose() => Client.Dispose();
}
