using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Text.Json;

namespace Onprest.Agent.Tunnel;

/// <summary>
/// Fetches a one-time challenge (docs/tunnel-protocol.md): <c>POST</c> with an empty body, direct connection (proxy
/// variables ignored), no redirects, TLS 1.2+ with the system trust store, the whole exchange within 10 s, the body
/// capped at 4096 bytes. Error texts never contain the body.
/// </summary>
internal sealed class ChallengeClient : IDisposable
{
    public const int MaxBodyBytes = 4096;
    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;

    public ChallengeClient(TimeSpan timeout)
    {
        _timeout = timeout;
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            SslOptions = new SslClientAuthenticationOptions { EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13 },
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<string> FetchAsync(Uri challengeUri, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, challengeUri) { Content = new ByteArrayContent([]) };
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new TunnelConnectException($"agent challenge failed: {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd());
            }

            var body = await ReadCappedAsync(response, deadline.Token).ConfigureAwait(false);
            return Parse(body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TunnelConnectException("agent challenge failed: timed out");
        }
        catch (HttpRequestException ex)
        {
            throw new TunnelConnectException("agent challenge failed: " + Describe(ex), ex);
        }
    }

    /// <summary>
    /// The doctor's verify request (docs/tunnel-protocol.md, docs/cli.md): empty <c>POST</c> with the four signed headers; the
    /// status must be 200; returns the body (at most 4096 bytes).
    /// </summary>
    public async Task<byte[]> PostSignedAsync(Uri verifyUri, SignedHandshake signed, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, verifyUri) { Content = new ByteArrayContent([]) };
        request.Headers.TryAddWithoutValidation(Onprest.Contracts.Tunnel.TunnelProtocol.TimestampHeader, signed.Timestamp);
        request.Headers.TryAddWithoutValidation(Onprest.Contracts.Tunnel.TunnelProtocol.NonceHeader, signed.Nonce);
        request.Headers.TryAddWithoutValidation(Onprest.Contracts.Tunnel.TunnelProtocol.ChallengeHeader, signed.Challenge);
        request.Headers.TryAddWithoutValidation(Onprest.Contracts.Tunnel.TunnelProtocol.SignatureHeader, signed.Signature);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new TunnelConnectException($"gateway verify failed: {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd());
        }

        return await ReadCappedAsync(response, deadline.Token).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Exactly one JSON value (whitespace may follow) whose <c>challenge</c> is a non-empty string.</summary>
    internal static string Parse(ReadOnlySpan<byte> body)
    {
        string? challenge = null;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
            if (!reader.Read())
            {
                throw new TunnelConnectException("agent challenge failed: invalid response body");
            }

            if (reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isChallenge = reader.ValueTextEquals("challenge"u8);
                    reader.Read();
                    if (isChallenge)
                    {
                        challenge = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    }

                    reader.Skip();
                }
            }
            else
            {
                reader.Skip();
            }

            if (reader.Read())
            {
                throw new TunnelConnectException("agent challenge failed: invalid response body");
            }
        }
        catch (JsonException)
        {
            throw new TunnelConnectException("agent challenge failed: invalid response body");
        }

        return string.IsNullOrEmpty(challenge) ? throw new TunnelConnectException("gateway returned an empty agent challenge") : challenge;
    }

    private static async Task<byte[]> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxBodyBytes + 1];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            if (length > MaxBodyBytes)
            {
                throw new TunnelConnectException("agent challenge failed: response body exceeds 4096 bytes");
            }

            return buffer[..length];
        }
    }

    private static string Describe(HttpRequestException ex) => ex.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => "name resolution failed",
        HttpRequestError.ConnectionError => "connection failed",
        HttpRequestError.SecureConnectionError => "TLS handshake failed",
        HttpRequestError.InvalidResponse => "invalid response",
        HttpRequestError.ResponseEnded => "response ended early",
        _ => "request failed",
    };
}
