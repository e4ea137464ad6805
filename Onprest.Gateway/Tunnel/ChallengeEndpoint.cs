using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Onprest.Contracts.Errors;

namespace Onprest.Gateway.Tunnel;

/// <summary><c>POST /ws/agent/challenge</c> (docs/tunnel-protocol.md).</summary>
internal sealed class ChallengeEndpoint
{
    private readonly HandshakeReplayGuard _replay;

    public ChallengeEndpoint(HandshakeReplayGuard replay) => _replay = replay;

    public async Task HandleAsync(HttpContext context)
    {
        if (!await TunnelHttpResponses.AcceptEmptyPostAsync(context).ConfigureAwait(false))
        {
            return;
        }

        string challenge;
        try
        {
            challenge = _replay.Issue();
        }
        catch (CryptographicException)
        {
            await TunnelHttpResponses.ErrorAsync(context, StatusCodes.Status500InternalServerError, PublicErrors.GatewayInternal).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status201Created;
        await TunnelHttpResponses.JsonAsync(context, json => json.WriteString("challenge", challenge)).ConfigureAwait(false);
    }
}
