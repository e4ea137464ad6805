using Onprest.Contracts.Errors;

namespace Onprest.Gateway.Tunnel;

/// <summary>The HTTP status of an error code (gateway-http.md §13.2–§13.3), used for <c>openapi_fetch_failed</c>.</summary>
internal static class AgentErrorStatus
{
    public static int For(string code) => code switch
    {
        ErrorCodes.AgentValidationFailed => 400,
        ErrorCodes.GatewayInvalidRequest => 400,
        ErrorCodes.GatewayCapabilityNotFound => 404,
        ErrorCodes.AgentConstraintViolation => 409,
        ErrorCodes.AgentAffectedRowsExceeded => 409,
        ErrorCodes.AgentRateLimited => 429,
        ErrorCodes.AgentBusy => 503,
        ErrorCodes.GatewayAgentOffline => 503,
        ErrorCodes.AgentQueryTimeout => 504,
        ErrorCodes.GatewayTimeout => 504,
        ErrorCodes.GatewayInternalError => 500,
        _ => 502,
    };
}
