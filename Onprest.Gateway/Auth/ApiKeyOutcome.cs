using Onprest.Contracts.Errors;
using Onprest.Gateway.Configuration;

namespace Onprest.Gateway.Auth;

/// <summary>The result of authenticating one request: the matched key, or the public error with its status.</summary>
public sealed record ApiKeyOutcome(ApiKeyEntry? Key, int Status, PublicError? Error)
{
    public static ApiKeyOutcome Invalid { get; } = new(null, StatusCodes.Status401Unauthorized, PublicErrors.InvalidApiKey);

    public static ApiKeyOutcome Busy { get; } = new(null, StatusCodes.Status429TooManyRequests, PublicErrors.AuthenticationBusy);

    public static ApiKeyOutcome Success(ApiKeyEntry key) => new(key, StatusCodes.Status200OK, null);
}
