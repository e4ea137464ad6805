namespace Onprest.Contracts.Errors;

/// <summary>
/// Every fixed public error (code plus message) named by the spec. Validation messages
/// (<see cref="ErrorCodes.AgentValidationFailed"/>) are built per call and are not listed here.
/// </summary>
public static class PublicErrors
{
    // docs/gateway.md
    public static readonly PublicError ContentTypeMustBeJson = new(ErrorCodes.GatewayInvalidRequest, "Content-Type must be application/json");
    public static readonly PublicError InvalidJsonBody = new(ErrorCodes.GatewayInvalidRequest, "invalid json body");
    public static readonly PublicError RequestTooLarge = new(ErrorCodes.GatewayRequestTooLarge, "request body too large");
    public static readonly PublicError BodyMustBeEmpty = new(ErrorCodes.GatewayInvalidRequest, "request body must be empty");
    public static readonly PublicError UnsupportedMcpProtocolVersion = new(ErrorCodes.GatewayInvalidRequest, "unsupported MCP protocol version");
    public static readonly PublicError InvalidJsonRpcNotification = new(ErrorCodes.GatewayInvalidRequest, "invalid json rpc notification");
    public static readonly PublicError WebSocketUpgradeRequired = new(ErrorCodes.GatewayInvalidRequest, "websocket upgrade required");
    public static readonly PublicError OriginNotAllowed = new(ErrorCodes.GatewayInvalidRequest, "origin is not allowed");
    public static readonly PublicError AcceptMustAllowJson = new(ErrorCodes.GatewayInvalidRequest, "Accept must allow application/json");
    public static readonly PublicError InvalidApiKey = new(ErrorCodes.GatewayAuthFailed, "invalid api key");
    public static readonly PublicError InvalidAccessToken = new(ErrorCodes.GatewayAuthFailed, "invalid access token");
    public static readonly PublicError InvalidAgentSignature = new(ErrorCodes.GatewayAuthFailed, "invalid agent signature");
    public static readonly PublicError CapabilityNotAllowed = new(ErrorCodes.GatewayCapabilityDenied, "capability not allowed");
    public static readonly PublicError SourceIpNotAllowed = new(ErrorCodes.GatewayIpDenied, "source ip is not allowed");
    public static readonly PublicError CapabilityNotFound = new(ErrorCodes.GatewayCapabilityNotFound, "capability not found");
    public static readonly PublicError CapabilityNotDefined = new(ErrorCodes.GatewayCapabilityNotFound, "capability is not defined");
    public static readonly PublicError NotFound = new(ErrorCodes.GatewayNotFound, "not found");
    public static readonly PublicError UsePost = new(ErrorCodes.GatewayMethodNotAllowed, "use POST");
    public static readonly PublicError UseGet = new(ErrorCodes.GatewayMethodNotAllowed, "use GET");
    public static readonly PublicError AgentAlreadyConnected = new(ErrorCodes.GatewayAgentAlreadyConnected, "agent already connected");
    public static readonly PublicError TooManyRequests = new(ErrorCodes.GatewayRateLimited, "too many requests");
    public static readonly PublicError AuthenticationBusy = new(ErrorCodes.GatewayRateLimited, "authentication is busy; retry later");
    public static readonly PublicError GatewayInternal = new(ErrorCodes.GatewayInternalError, "unexpected gateway error");
    public static readonly PublicError AgentOffline = new(ErrorCodes.GatewayAgentOffline, "agent is not connected");
    public static readonly PublicError MetadataNotCached = new(ErrorCodes.GatewayAgentOffline, "agent metadata is not cached yet");
    public static readonly PublicError GatewayTimeout = new(ErrorCodes.GatewayTimeout, "agent response timed out");

    // docs/agent-databases.md
    public static readonly PublicError QueryFailed = new(ErrorCodes.AgentQueryFailed, "database query failed");
    public static readonly PublicError MaxBytesExceeded = new(ErrorCodes.AgentQueryFailed, "response exceeds policy.max_bytes");
    public static readonly PublicError QueryTimeout = new(ErrorCodes.AgentQueryTimeout, "query exceeded policy.timeout");
    public static readonly PublicError ConstraintViolation = new(ErrorCodes.AgentConstraintViolation, "database constraint violation");
    public static readonly PublicError AffectedRowsExceeded = new(ErrorCodes.AgentAffectedRowsExceeded, "affected rows exceed policy.max_affected_rows");
    public static readonly PublicError TransactionOutcomeUnknown = new(ErrorCodes.AgentTransactionOutcomeUnknown, "transaction outcome is unknown");
    public static readonly PublicError DbUnreachable = new(ErrorCodes.AgentDbUnreachable, "database is unreachable");
    public static readonly PublicError AgentInternal = new(ErrorCodes.AgentInternalError, "agent internal error");
    public static readonly PublicError InvalidGatewayRequest = new(ErrorCodes.AgentInternalError, "invalid gateway request");
    public static readonly PublicError AgentBusy = new(ErrorCodes.AgentBusy, "agent request queue is full");
    public static readonly PublicError AgentRateLimited = new(ErrorCodes.AgentRateLimited, "agent rate limit exceeded");

    /// <summary>
    /// A parameter value the database refused because it is outside the range of the type the server gave the
    /// placeholder (docs/database-types.md). Fixed text: the database does not say which parameter it was.
    /// </summary>
    public static readonly PublicError ValueOutOfRange = new(ErrorCodes.AgentValidationFailed, "param value out of range for the database type");

    /// <summary>Builds an <c>AGENT_VALIDATION_FAILED</c> error with a per-call message (never containing a value).</summary>
    public static PublicError Validation(string message) => new(ErrorCodes.AgentValidationFailed, message);
}
