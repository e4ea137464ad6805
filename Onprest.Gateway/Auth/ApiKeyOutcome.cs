using Onprest.Contracts.Errors;
using Onprest.Gateway.Configuration;

namespace Onprest.Gateway.Auth;

/// <summary>
/// The result of authenticating one request: the matched key, or the public error with its status. Immutable, so
/// one instance per outcome is shared by every request: the two failures are static, and the verifier builds one
/// success per configured key up front, which keeps a cached authentication free of allocations.
/// </summary>
public sealed record ApiKeyOutcome(ApiKeyEntry? Key, int Status, PublicError? Error)
{
    public static ApiKeyOutcome Invalid { get; } = new(null, StatusCodes.Status401Unauthorized, PublicErrors.InvalidApiKey);

    public static ApiKeyOutcome Busy { get; } = new(null, StatusCodes.Status429TooManyRequests, PublicErrors.AuthenticationBusy);

    /// <summary>A new success for <paramref name="key"/>; callers on the request path reuse it rather than call this per request.</summary>
    public static ApiKeyOutcome Success(ApiKeyEntry key) => new(key, StatusCodes.Status200OK, null);
}
