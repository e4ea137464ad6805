namespace Onprest.Gateway.Auth;

/// <summary>Names of the API-key authentication scheme.</summary>
public static class ApiKeyDefaults
{
    public const string AuthenticationScheme = "OnprestApiKey";

    /// <summary>Gateway-wide bcrypt verification slots (docs/gateway.md).</summary>
    public const int VerificationSlots = 4;

    public const int CacheCapacity = 1024;

    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(5);
}
