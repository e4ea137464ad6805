using Microsoft.AspNetCore.Http;
using Onprest.Contracts.Errors;

namespace Onprest.Gateway.Tunnel;

/// <summary><c>POST /ws/agent/verify</c> (docs/tunnel-protocol.md): the doctor's key check. Never touches the live connection.</summary>
internal sealed class VerifyEndpoint
{
    private readonly AgentHandshakeValidator _validator;

    public VerifyEndpoint(AgentHandshakeValidator validator) => _validator = validator;

    public async Task HandleAsync(HttpContext context)
    {
        if (!await TunnelHttpResponses.AcceptEmptyPostAsync(context).ConfigureAwait(false))
        {
            return;
        }

        if (!_validator.Validate(context.Request, HandshakeDomain.Verify))
        {
            await TunnelHttpResponses.ErrorAsync(context, StatusCodes.Status401Unauthorized, PublicErrors.InvalidAgentSignature).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        await TunnelHttpResponses.JsonAsync(context, json => json.WriteBoolean("ok", true)).ConfigureAwait(false);
    }
}
