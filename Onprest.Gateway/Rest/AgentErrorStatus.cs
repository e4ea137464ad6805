using Onprest.Contracts.Errors;

namespace Onprest.Gateway.Rest;

/// <summary>The HTTP status of an agent or tunnel error on REST (docs/gateway.md).</summary>
public static class AgentErrorStatus
{
    public static int For(string code) => code switch
    {
        ErrorCodes.AgentValidationFailed => StatusCodes.Status400BadRequest,
        ErrorCodes.GatewayInvalidRequest => StatusCodes.Status400BadRequest,
        ErrorCodes.GatewayCapabilityNotFound => StatusCodes.Status404NotFound,
        ErrorCodes.AgentConstraintViolation => StatusCodes.Status409Conflict,
        ErrorCodes.AgentAffectedRowsExceeded => StatusCodes.Status409Conflict,
        ErrorCodes.AgentRateLimited => StatusCodes.Status429TooManyRequests,
        ErrorCodes.AgentBusy => StatusCodes.Status503ServiceUnavailable,
        ErrorCodes.GatewayAgentOffline => StatusCodes.Status503ServiceUnavailable,
        ErrorCodes.AgentQueryTimeout => StatusCodes.Status504GatewayTimeout,
        ErrorCodes.GatewayTimeout => StatusCodes.Status504GatewayTimeout,
        ErrorCodes.GatewayInternalError => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status502BadGateway,
    };
}
