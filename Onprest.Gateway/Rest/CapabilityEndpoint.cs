using System.Text.Json;
using Onprest.Contracts.Errors;
using Onprest.Gateway.Auth;
using Onprest.Gateway.Auth.OAuth;
using Onprest.Gateway.Http;
using Onprest.Gateway.Logging;
using Onprest.Gateway.Telemetry;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Rest;

/// <summary>
/// <c>POST /api/v1/capabilities/{name}</c> in the check order of docs/gateway.md. Exactly one <c>request</c>
/// event per request that reaches the route, whatever the outcome.
/// </summary>
public sealed class CapabilityEndpoint(IAgentTunnel tunnel, RequestBodyReader bodyReader, GatewayEventLog log)
{
    public const string MetaCapability = "meta";

    public async Task HandleAsync(HttpContext context)
    {
        var requestId = RequestIds.New();
        var hasName = CapabilityPath.TryGetName(context, out var name);
        var call = new CallRecord(requestId, GatewayEvents.Rest) { Capability = hasName ? name : string.Empty };
        var span = GatewayTelemetry.StartCall();
        try
        {
            await RunAsync(context, call, hasName);
        }
        finally
        {
            call.Finish(context, log, tunnel, span);
        }
    }

    private async Task RunAsync(HttpContext context, CallRecord call, bool hasName)
    {
        var outcome = await context.AuthenticateCallerAsync();
        if (outcome.Key is not { } key)
        {
            await FailAsync(context, call, outcome.Status, outcome.Error!);
            return;
        }

        call.KeyName = key.Name;
        if (!hasName)
        {
            await FailAsync(context, call, StatusCodes.Status404NotFound, PublicErrors.CapabilityNotFound);
            return;
        }

        if (!key.Allows(call.Capability))
        {
            OAuthCaller.NoteDenied(context, call.Capability);
            await FailAsync(context, call, StatusCodes.Status403Forbidden, PublicErrors.CapabilityNotAllowed);
            return;
        }

        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await FailAsync(context, call, StatusCodes.Status405MethodNotAllowed, PublicErrors.UsePost, "POST");
            return;
        }

        if (!MediaTypes.IsJson(context.Request))
        {
            await FailAsync(context, call, StatusCodes.Status400BadRequest, PublicErrors.ContentTypeMustBeJson);
            return;
        }

        var read = await bodyReader.ReadAsync(context);
        if (read.TooLarge)
        {
            await FailAsync(context, call, StatusCodes.Status413PayloadTooLarge, PublicErrors.RequestTooLarge);
            return;
        }

        var body = read.Bytes;
        if (body is null || JsonBodyValidator.Validate(body) is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            await FailAsync(context, call, StatusCodes.Status400BadRequest, PublicErrors.InvalidJsonBody);
            return;
        }

        // The reserved metadata call is the tunnel's own; callers (even "*") see it as undefined.
        if (string.Equals(call.Capability, MetaCapability, StringComparison.Ordinal))
        {
            await FailAsync(context, call, StatusCodes.Status404NotFound, PublicErrors.CapabilityNotDefined);
            return;
        }

        AgentCallResult result;
        using (var hop = GatewayTelemetry.StartTunnel(call.Capability, tunnel))
        {
            result = await tunnel.CallValidatedAsync(call.RequestId, call.Capability, body, hop.TraceParent, hop.TraceState, context.RequestAborted);
            GatewayTelemetry.CompleteTunnel(hop, result);
        }

        switch (result)
        {
            case AgentCallResult.Success success:
                call.Status = StatusCodes.Status200OK;
                call.Count = success.Count;
                call.Error = null;
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = MediaTypes.Json;
                context.Response.ContentLength = success.ResultJson.Length;
                await context.Response.Body.WriteAsync(success.ResultJson, context.RequestAborted);
                break;
            case AgentCallResult.Failure failure:
                await FailAsync(context, call, AgentErrorStatus.For(failure.Error.Code), failure.Error);
                break;
        }
    }

    private static Task FailAsync(HttpContext context, CallRecord call, int status, PublicError error, string? allow = null)
    {
        call.Status = status;
        call.Error = error;
        return ErrorResponses.WriteAsync(context, status, error, allow);
    }
}
