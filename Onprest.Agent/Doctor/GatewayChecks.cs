using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using Onprest.Agent.Tunnel;
using Onprest.Contracts.Tunnel;

namespace Onprest.Agent.Doctor;

/// <summary>
/// The network stages of <c>doctor</c> (docs/cli.md): DNS, TCP, TLS, challenge, verify — each bounded by 10 s,
/// stopping at the first failure (later stages <c>skipped</c>). No WebSocket is opened; nothing is executed.
/// </summary>
internal sealed class GatewayChecks
{
    public const string Dns = "gateway_dns";
    public const string Connect = "gateway_connect";
    public const string Tls = "gateway_tls";
    public const string Challenge = "gateway_challenge";
    public const string Verify = "gateway_verify";

    public static readonly IReadOnlyList<string> Stages = [Dns, Connect, Tls, Challenge, Verify];

    private readonly TimeSpan _stageLimit;
    private readonly TimeProvider _time;

    public GatewayChecks(TimeSpan stageLimit, TimeProvider time)
    {
        _stageLimit = stageLimit;
        _time = time;
    }

    /// <summary>Runs the stages in order; <paramref name="failure"/> is the first failed stage with its private detail.</summary>
    public async Task<(List<DoctorCheck> Checks, DoctorFailure? Failure)> RunAsync(Uri gatewayUrl, byte[] privateKeySeed, CancellationToken cancellationToken)
    {
        var address = GatewayAddress.From(gatewayUrl);
        var checks = new List<DoctorCheck>();
        DoctorFailure? failure = null;
        IPAddress[] addresses = [];
        string? challenge = null;

        async Task<bool> StageAsync(string stage, string code, string failedMessage, Func<CancellationToken, Task<DoctorCheck>> run)
        {
            if (failure is not null)
            {
                checks.Add(DoctorCheck.Skip(stage));
                return false;
            }

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(_stageLimit);
            try
            {
                var check = await run(limit.Token).ConfigureAwait(false);
                checks.Add(check);
                return true;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is SocketException or IOException or AuthenticationException or HttpRequestException
                or OperationCanceledException or TunnelConnectException or StageFailedException or ArgumentException)
            {
                var check = DoctorCheck.Fail(stage, code, failedMessage);
                checks.Add(check);
                failure = new DoctorFailure(check, null, Describe(ex));
                return false;
            }
        }

        await StageAsync(Dns, "GATEWAY_DNS_FAILED", "gateway DNS lookup failed", async token =>
        {
            addresses = IPAddress.TryParse(address.Host, out var literal)
                ? [literal]
                : await System.Net.Dns.GetHostAddressesAsync(address.Host, token).ConfigureAwait(false);
            return addresses.Length == 0
                ? throw new StageFailedException("the host has no addresses")
                : DoctorCheck.Pass(Dns, "gateway host resolved");
        }).ConfigureAwait(false);

        Socket? socket = null;
        try
        {
            await StageAsync(Connect, "GATEWAY_CONNECT_FAILED", "gateway TCP connection failed", async token =>
            {
                socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(addresses, address.Port, token).ConfigureAwait(false);
                return DoctorCheck.Pass(Connect, "gateway TCP connection succeeded");
            }).ConfigureAwait(false);

            await StageAsync(Tls, "GATEWAY_TLS_FAILED", "gateway TLS verification failed", async token =>
            {
                if (!address.UseTls)
                {
                    return new DoctorCheck(Tls, DoctorCheck.Skipped, "NOT_APPLICABLE", "TLS is not used for ws://");
                }

                await using var tls = new SslStream(new NetworkStream(socket!, ownsSocket: false), leaveInnerStreamOpen: false);
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = address.Host,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
                }, token).ConfigureAwait(false);
                return DoctorCheck.Pass(Tls, "gateway TLS certificate and hostname verified");
            }).ConfigureAwait(false);
        }
        finally
        {
            socket?.Dispose();
        }

        using var http = new ChallengeClient(_stageLimit);
        await StageAsync(Challenge, "GATEWAY_CHALLENGE_FAILED", "gateway challenge failed", async token =>
        {
            challenge = await http.FetchAsync(address.ChallengeUri, token).ConfigureAwait(false);
            return DoctorCheck.Pass(Challenge, "gateway issued a challenge");
        }).ConfigureAwait(false);

        await StageAsync(Verify, "GATEWAY_VERIFY_FAILED", "gateway verification failed", async token =>
        {
            using var signer = HandshakeSigner.Create(privateKeySeed, _time);
            var signed = signer.SignVerify(challenge!);
            var verifyUri = new UriBuilder(address.ChallengeUri) { Path = TunnelProtocol.VerifyPath }.Uri;
            var body = await http.PostSignedAsync(verifyUri, signed, token).ConfigureAwait(false);
            return IsOkTrue(body) ? DoctorCheck.Pass(Verify, "gateway signature verification succeeded") : throw new StageFailedException("the verify answer is not {\"ok\":true}");
        }).ConfigureAwait(false);

        return (checks, failure);
    }

    /// <summary>Exactly the JSON value <c>{"ok":true}</c> (insignificant whitespace allowed).</summary>
    internal static bool IsOkTrue(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject
                || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("ok"u8)
                || !reader.Read() || reader.TokenType != JsonTokenType.True
                || !reader.Read() || reader.TokenType != JsonTokenType.EndObject)
            {
                return false;
            }

            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        TunnelConnectException or StageFailedException => ex.Message,
        SocketException socket => "socket error " + socket.SocketErrorCode,
        AuthenticationException => "TLS handshake or certificate validation failed: " + ex.Message,
        OperationCanceledException => "timed out",
        _ => ex.GetType().Name + ": " + ex.Message,
    };

    private sealed class StageFailedException(string message) : Exception(message);
}
