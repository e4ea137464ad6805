namespace Onprest.Contracts.Errors;

/// <summary>
/// The closed vocabulary of public error codes (docs/gateway.md, docs/agent-databases.md).
/// Codes are stable: callers branch on them. Messages live in <see cref="PublicErrors"/>.
/// </summary>
public static class ErrorCodes
{
    // Gateway codes.
    public const string GatewayInvalidRequest = "GATEWAY_INVALID_REQUEST";
    public const string GatewayRequestTooLarge = "GATEWAY_REQUEST_TOO_LARGE";
    public const string GatewayAuthFailed = "GATEWAY_AUTH_FAILED";
    public const string GatewayCapabilityDenied = "GATEWAY_CAPABILITY_DENIED";
    public const string GatewayIpDenied = "GATEWAY_IP_DENIED";
    public const string GatewayCapabilityNotFound = "GATEWAY_CAPABILITY_NOT_FOUND";
    public const string GatewayNotFound = "GATEWAY_NOT_FOUND";
    public const string GatewayMethodNotAllowed = "GATEWAY_METHOD_NOT_ALLOWED";
    public const string GatewayAgentAlreadyConnected = "GATEWAY_AGENT_ALREADY_CONNECTED";
    public const string GatewayRateLimited = "GATEWAY_RATE_LIMITED";
    public const string GatewayInternalError = "GATEWAY_INTERNAL_ERROR";
    public const string GatewayAgentOffline = "GATEWAY_AGENT_OFFLINE";
    public const string GatewayTimeout = "GATEWAY_TIMEOUT";

    // Agent codes.
    public const string AgentValidationFailed = "AGENT_VALIDATION_FAILED";
    public const string AgentQueryFailed = "AGENT_QUERY_FAILED";
    public const string AgentQueryTimeout = "AGENT_QUERY_TIMEOUT";
    public const string AgentConstraintViolation = "AGENT_CONSTRAINT_VIOLATION";
    public const string AgentAffectedRowsExceeded = "AGENT_AFFECTED_ROWS_EXCEEDED";
    public const string AgentTransactionOutcomeUnknown = "AGENT_TRANSACTION_OUTCOME_UNKNOWN";
    public const string AgentDbUnreachable = "AGENT_DB_UNREACHABLE";
    public const string AgentInternalError = "AGENT_INTERNAL_ERROR";
    public const string AgentBusy = "AGENT_BUSY";
    public const string AgentRateLimited = "AGENT_RATE_LIMITED";
}
