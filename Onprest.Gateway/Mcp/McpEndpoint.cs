using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Onprest.Contracts.Errors;
using Onprest.Gateway.Auth;
using Onprest.Gateway.Auth.OAuth;
using Onprest.Gateway.Configuration;
using Onprest.Gateway.Http;
using Onprest.Gateway.Logging;
using Onprest.Gateway.Network;
using Onprest.Gateway.Telemetry;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Mcp;

/// <summary>
/// <c>POST /mcp</c>: the gateway owns the HTTP boundary and the JSON-RPC checks of docs/api.md (exact codes,
/// messages and order), and hands each accepted request to the SDK's server core for dispatch.
/// </summary>
public sealed class McpEndpoint(
    GatewayOptions options,
    IAgentTunnel tunnel,
    RequestBodyReader bodyReader,
    McpSdkDispatcher dispatcher,
    GatewayEventLog log)
{
    public const string ProtocolVersionHeader = "MCP-Protocol-Version";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method))
        {
            await RejectAsync(context, StatusCodes.Status405MethodNotAllowed, PublicErrors.UsePost, "POST");
            return;
        }

        if (request.Headers.Origin.Count > 0 && CorsMiddleware.AllowedOrigin(request.Headers.Origin, options.CorsAllowedOrigins) is null)
        {
            await RejectAsync(context, StatusCodes.Status403Forbidden, PublicErrors.OriginNotAllowed);
            return;
        }

        var outcome = await context.AuthenticateCallerAsync();
        if (outcome.Key is not { } key)
        {
            await ErrorResponses.WriteAsync(context, outcome.Status, outcome.Error!);
            return;
        }

        if (!MediaTypes.IsJson(request))
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, PublicErrors.ContentTypeMustBeJson);
            return;
        }

        if (!McpAccept.AllowsJson(request.Headers.Accept))
        {
            await RejectAsync(context, StatusCodes.Status406NotAcceptable, PublicErrors.AcceptMustAllowJson);
            return;
        }

        var read = await bodyReader.ReadAsync(context);
        if (read.TooLarge)
        {
            await RejectAsync(context, StatusCodes.Status413PayloadTooLarge, PublicErrors.RequestTooLarge);
            return;
        }

        var body = read.Bytes;
        if (body is null || JsonBodyValidator.Validate(body) is null)
        {
            await McpResponses.ErrorAsync(context, null, McpResponses.ParseError, "invalid json rpc", "PARSE_ERROR");
            return;
        }

        using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = JsonBodyValidator.MaxDepth });
        if (McpMessage.Parse(document.RootElement, out var echoId) is not { } message)
        {
            await McpResponses.ErrorAsync(context, echoId, McpResponses.InvalidRequest, "invalid json rpc request", "INVALID_REQUEST");
            return;
        }

        var version = McpProtocolVersions.Legacy;
        if (message.Method != "initialize")
        {
            if (McpProtocolVersions.FromHeader(request.Headers[ProtocolVersionHeader]) is not { } active)
            {
                await RejectAsync(context, StatusCodes.Status400BadRequest, PublicErrors.UnsupportedMcpProtocolVersion);
                return;
            }

            version = active;
        }

        if (McpNotifications.IsRecognized(message.Method))
        {
            await HandleNotificationAsync(context, message, version);
            return;
        }

        if (message.RawId is not { } id)
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, PublicErrors.InvalidJsonRpcNotification);
            return;
        }

        switch (message.Method)
        {
            case "initialize":
                await InitializeAsync(context, message, id);
                break;
            case "ping":
                await PingAsync(context, message, id, version);
                break;
            case "tools/list":
                await ToolsListAsync(context, message, id, version, key);
                break;
            case "tools/call":
                await ToolsCallAsync(context, message, id, version, key);
                break;
            default:
                await McpResponses.ErrorAsync(context, id, McpResponses.MethodNotFound, "unsupported MCP method", "METHOD_NOT_FOUND");
                break;
        }
    }

    private async Task HandleNotificationAsync(HttpContext context, McpMessage message, string version)
    {
        if (message.HasId)
        {
            await McpResponses.ErrorAsync(context, message.RawId, McpResponses.InvalidRequest, "notification must not include id", "INVALID_REQUEST");
            return;
        }

        if (!McpNotifications.IsDefinedFor(message.Method, version))
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, PublicErrors.InvalidJsonRpcNotification);
            return;
        }

        if (!McpNotifications.ValidParams(message.Method, message.Params))
        {
            EdgeRequest.Of(context).EventWritten = true;
            log.McpHttpRejected(StatusCodes.Status400BadRequest, new PublicError("INVALID_PARAMS", "invalid notification params"));
            await McpResponses.ErrorAsync(context, null, McpResponses.InvalidParams, "invalid notification params", "INVALID_PARAMS", StatusCodes.Status400BadRequest);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    private async Task InitializeAsync(HttpContext context, McpMessage message, string id)
    {
        if (McpParamsRules.Initialize(message.Params) is not { } negotiated)
        {
            await McpResponses.ErrorAsync(context, id, McpResponses.InvalidParams, "invalid initialize params", "INVALID_PARAMS");
            return;
        }

        // The SDK sees only what it needs: the negotiated revision (so its own negotiation cannot pick another) and a
        // minimal client description, so opaque members the spec allows can never trip its deserializer.
        var clientInfo = message.Params!.Value.GetProperty("clientInfo");
        var parameters = new JsonObject
        {
            ["protocolVersion"] = negotiated,
            ["capabilities"] = new JsonObject(),
            ["clientInfo"] = new JsonObject
            {
                ["name"] = clientInfo.GetProperty("name").GetString(),
                ["version"] = clientInfo.GetProperty("version").GetString(),
            },
        };
        var response = await dispatcher.DispatchAsync("initialize", parameters, negotiated, new McpServerHandlers(), context.RequestAborted);
        await WriteSdkResponseAsync(context, id, response, result => McpResultShapes.Initialize(result, negotiated));
    }

    private async Task PingAsync(HttpContext context, McpMessage message, string id, string version)
    {
        if (!McpParamsRules.Ping(message.Params))
        {
            await McpResponses.ErrorAsync(context, id, McpResponses.InvalidParams, "invalid ping params", "INVALID_PARAMS");
            return;
        }

        var response = await dispatcher.DispatchAsync("ping", null, version, new McpServerHandlers(), context.RequestAborted);
        await WriteSdkResponseAsync(context, id, response, _ => new JsonObject());
    }

    private async Task ToolsListAsync(HttpContext context, McpMessage message, string id, string version, ApiKeyEntry key)
    {
        if (!McpParamsRules.ToolsList(message.Params))
        {
            await McpResponses.ErrorAsync(context, id, McpResponses.InvalidParams, "invalid tools/list params", "INVALID_PARAMS");
            return;
        }

        if (tunnel.Metadata is not { } metadata)
        {
            await McpResponses.ErrorAsync(context, id, McpResponses.AgentOffline, PublicErrors.MetadataNotCached.Message, ErrorCodes.GatewayAgentOffline);
            return;
        }

        var tools = McpToolCatalog.For(metadata.OpenApiDocument, key, version);
        var handlers = new McpServerHandlers
        {
            ListToolsHandler = (_, _) => ValueTask.FromResult(new ListToolsResult { Tools = tools }),
        };
        var response = await dispatcher.DispatchAsync("tools/list", null, version, handlers, context.RequestAborted);
        await WriteSdkResponseAsync(context, id, response, result => McpResultShapes.ToolsList(result, version));
    }

    private async Task ToolsCallAsync(HttpContext context, McpMessage message, string id, string version, ApiKeyEntry key)
    {
        // A tools/call answered with a JSON-RPC error is still an HTTP 200.
        var call = new CallRecord(RequestIds.New(), GatewayEvents.Mcp) { KeyName = key.Name, Status = StatusCodes.Status200OK };
        var span = GatewayTelemetry.StartCall();
        try
        {
            await RunToolsCallAsync(context, message, id, version, key, call);
        }
        finally
        {
            call.Finish(context, log, tunnel, span);
        }
    }

    private async Task RunToolsCallAsync(HttpContext context, McpMessage message, string id, string version, ApiKeyEntry key, CallRecord call)
    {
        if (!McpParamsRules.ToolsCall(message.Params, version, out var name, out var arguments))
        {
            call.Error = new PublicError("INVALID_PARAMS", "invalid tools/call params");
            await McpResponses.ErrorAsync(context, id, McpResponses.InvalidParams, call.Error.Message, call.Error.Code);
            return;
        }

        call.Capability = name;
        if (!key.Allows(name))
        {
            OAuthCaller.NoteDenied(context, name);
            call.Status = StatusCodes.Status403Forbidden;
            call.Error = PublicErrors.CapabilityNotAllowed;
            await ErrorResponses.WriteAsync(context, StatusCodes.Status403Forbidden, PublicErrors.CapabilityNotAllowed);
            return;
        }

        var undefined = new PublicError("INVALID_PARAMS", "tool is not defined");
        if (name == Rest.CapabilityEndpoint.MetaCapability)
        {
            call.Error = undefined;
            await McpResponses.ErrorAsync(context, id, McpResponses.InvalidParams, undefined.Message, undefined.Code);
            return;
        }

        var handlers = new McpServerHandlers
        {
            CallToolHandler = async (_, cancellationToken) =>
            {
                AgentCallResult result;
                using (var hop = GatewayTelemetry.StartTunnel(name, tunnel))
                {
                    result = await tunnel.CallValidatedAsync(call.RequestId, name, System.Text.Encoding.UTF8.GetBytes(arguments), hop.TraceParent, hop.TraceState, cancellationToken);
                    GatewayTelemetry.CompleteTunnel(hop, result);
                }

                switch (result)
                {
                    case AgentCallResult.Success success:
                        call.Error = null;
                        call.Count = success.Count;
                        call.AgentResult = success.ResultJson;
                        return McpToolResults.Answered();
                    case AgentCallResult.Failure { Error.Code: ErrorCodes.GatewayCapabilityNotFound }:
                        call.Error = undefined;
                        throw new McpProtocolException(undefined.Message, McpErrorCode.InvalidParams);
                    case AgentCallResult.Failure failure:
                        call.Error = failure.Error;
                        return McpToolResults.Error(failure.Error, version);
                    default:
                        throw new InvalidOperationException("unknown call result");
                }
            },
        };
        // Only the name: the arguments go to the agent as their exact text, and members such as "task" (ignored
        // before 2025-11-25) must not switch the SDK into task-augmented handling.
        var response = await dispatcher.DispatchAsync("tools/call", new JsonObject { ["name"] = name }, version, handlers, context.RequestAborted);
        if (response is JsonRpcResponse && call.AgentResult is { } agentResult)
        {
            await McpResponses.ToolSuccessAsync(context, id, agentResult, version);
            return;
        }

        await WriteSdkResponseAsync(context, id, response, result => McpResultShapes.ToolCall(result, version));
    }

    private static Task WriteSdkResponseAsync(HttpContext context, string id, JsonRpcMessage response, Func<JsonNode?, JsonNode> shape) => response switch
    {
        JsonRpcResponse success => McpResponses.ResultAsync(context, id, shape(success.Result)),
        JsonRpcError { Error: var error } => McpResponses.ErrorAsync(context, id, error.Code, error.Message, McpResponses.DataCodeFor(error.Code)),
        _ => throw new InvalidOperationException("the MCP server core gave no response"),
    };

    private Task RejectAsync(HttpContext context, int status, PublicError error, string? allow = null)
    {
        EdgeRequest.Of(context).EventWritten = true;
        log.McpHttpRejected(status, error);
        return ErrorResponses.WriteAsync(context, status, error, allow);
    }
}
