using Onprest.Gateway.Configuration;

namespace Onprest.Gateway.Tests.Testing;

/// <summary>API keys for tests, hashed with the cheapest bcrypt cost the configuration accepts.</summary>
public static class TestKeys
{
    public const string AllKey = "all-key-plaintext-0123456789abcdefghijklmno";
    public const string CustomerKey = "customer-key-plaintext-0123456789abcdefghi";
    public const string NothingKey = "nothing-key-plaintext-0123456789abcdefghij";

    public static readonly ApiKeyEntry All = new("internal", BCrypt.Net.BCrypt.HashPassword(AllKey, 4), ["*"]);
    public static readonly ApiKeyEntry Customer = new("partner-a", BCrypt.Net.BCrypt.HashPassword(CustomerKey, 4), ["get_customer", "meta"]);
    public static readonly ApiKeyEntry Nothing = new("nobody", BCrypt.Net.BCrypt.HashPassword(NothingKey, 4), []);

    public static GatewayOptions Options(Func<GatewayOptions, GatewayOptions>? change = null)
    {
        var options = new GatewayOptions
        {
            Addr = ":8080",
            Listen = new ListenAddress(string.Empty, 8080),
            AgentPublicKeys = [new byte[32]],
            ApiKeys = [All, Customer, Nothing],
            RateLimitRequestsPerSecond = 1000,
            RateLimitBurst = 1000,
        };
        return change is null ? options : change(options);
    }
}
