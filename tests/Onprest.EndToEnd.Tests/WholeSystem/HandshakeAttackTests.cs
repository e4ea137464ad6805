using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using NSec.Cryptography;
using Onprest.Contracts.Tunnel;
using Onprest.EndToEnd.Tests.Infrastructure;

namespace Onprest.EndToEnd.Tests.WholeSystem;

/// <summary>Attacks on the agent endpoints of the real gateway binary; the connected agent must not notice.</summary>
public sealed class HandshakeAttackTests(SqliteSystemFixture fixture) : IClassFixture<SqliteSystemFixture>
{
    private OnprestSystem Sut => fixture.System;

    [Fact]
    public async Task A_correct_verify_signature_succeeds_once_and_its_replay_fails()
    {
        var challenge = await ChallengeAsync();
        var headers = Sign(TunnelProtocol.SignatureDomainVerify, challenge, DateTimeOffset.UtcNow);

        var first = await VerifyAsync(headers);
        var replay = await VerifyAsync(headers);

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.Unauthorized, replay);
    }

    [Fact]
    public async Task A_reused_challenge_fails_even_with_a_fresh_nonce()
    {
        var challenge = await ChallengeAsync();
        Assert.Equal(HttpStatusCode.OK, await VerifyAsync(Sign(TunnelProtocol.SignatureDomainVerify, challenge, DateTimeOffset.UtcNow)));

        Assert.Equal(HttpStatusCode.Unauthorized, await VerifyAsync(Sign(TunnelProtocol.SignatureDomainVerify, challenge, DateTimeOffset.UtcNow)));
    }

    [Theory]
    [InlineData(-6 * 60)]
    [InlineData(2 * 60)]
    public async Task A_skewed_timestamp_fails(int offsetSeconds)
    {
        var challenge = await ChallengeAsync();

        var status = await VerifyAsync(Sign(TunnelProtocol.SignatureDomainVerify, challenge, DateTimeOffset.UtcNow.AddSeconds(offsetSeconds)));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task A_websocket_domain_signature_sent_to_verify_fails()
    {
        var challenge = await ChallengeAsync();

        var status = await VerifyAsync(Sign(TunnelProtocol.SignatureDomainV2N, challenge, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task A_signature_from_another_key_fails()
    {
        var challenge = await ChallengeAsync();
        using var stranger = Key.Create(SignatureAlgorithm.Ed25519);

        var status = await VerifyAsync(Sign(TunnelProtocol.SignatureDomainVerify, challenge, DateTimeOffset.UtcNow, stranger));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task A_valid_second_agent_handshake_gets_409_and_the_live_agent_keeps_serving()
    {
        var challenge = await ChallengeAsync();
        var headers = Sign(TunnelProtocol.SignatureDomainV2N, challenge, DateTimeOffset.UtcNow);
        using var request = new HttpRequestMessage(HttpMethod.Get, TunnelProtocol.AgentPath);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.TryAddWithoutValidation("Connection", "Upgrade");
        request.Headers.TryAddWithoutValidation("Upgrade", "websocket");
        request.Headers.TryAddWithoutValidation("Sec-WebSocket-Version", "13");
        request.Headers.TryAddWithoutValidation(TunnelProtocol.WebSocketKeyHeader, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));

        using var response = await Sut.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var (status, _) = await Sut.CallJsonAsync("get_customer", """{"id":1}""");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(200, status);
    }

    private async Task<string> ChallengeAsync()
    {
        using var response = await Sut.Http.PostAsync(TunnelProtocol.ChallengePath, content: null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("challenge").GetString()!;
    }

    private async Task<HttpStatusCode> VerifyAsync(IEnumerable<(string Name, string Value)> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TunnelProtocol.VerifyPath);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await Sut.Http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private List<(string Name, string Value)> Sign(string domain, string challenge, DateTimeOffset time, Key? key = null)
    {
        var timestamp = time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var message = domain == TunnelProtocol.SignatureDomainVerify
            ? HandshakeMessage.Verify(timestamp, nonce, challenge)
            : HandshakeMessage.V2N(TunnelProtocol.AgentPath, timestamp, nonce, challenge);
        byte[] signature;
        if (key is null)
        {
            var seed = Base64Url.DecodeFromChars(Sut.AgentPrivateKey)[..32];
            using var agentKey = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey);
            signature = SignatureAlgorithm.Ed25519.Sign(agentKey, message);
        }
        else
        {
            signature = SignatureAlgorithm.Ed25519.Sign(key, message);
        }

        return
        [
            (TunnelProtocol.TimestampHeader, timestamp),
            (TunnelProtocol.NonceHeader, nonce),
            (TunnelProtocol.ChallengeHeader, challenge),
            (TunnelProtocol.SignatureHeader, Base64Url.EncodeToString(signature)),
        ];
    }
}
