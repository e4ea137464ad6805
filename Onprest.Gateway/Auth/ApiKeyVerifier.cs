using System.Security.Cryptography;
using System.Text;
using Onprest.Gateway.Configuration;

namespace Onprest.Gateway.Auth;

/// <summary>
/// Verifies tokens against the configured bcrypt hashes (gateway-http.md §5.3). A cache miss takes one of four
/// gateway-wide slots without waiting, or is answered "busy" at once: a flood of wrong keys costs at most four
/// concurrent bcrypt checks, and cached keys keep working meanwhile.
/// </summary>
public sealed class ApiKeyVerifier
{
    private readonly SemaphoreSlim _slots = new(ApiKeyDefaults.VerificationSlots, ApiKeyDefaults.VerificationSlots);
    private readonly GatewayOptions _options;
    private readonly AuthenticationCache _cache;
    private readonly Func<string, string, bool> _matches;

    public ApiKeyVerifier(GatewayOptions options, AuthenticationCache cache)
        : this(options, cache, BcryptMatches)
    {
    }

    /// <summary>Tests substitute the hash check to hold slots open deterministically.</summary>
    internal ApiKeyVerifier(GatewayOptions options, AuthenticationCache cache, Func<string, string, bool> matches)
    {
        _options = options;
        _cache = cache;
        _matches = matches;
    }

    public ApiKeyOutcome Verify(string token)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        if (_cache.Find(digest) is { } cached)
        {
            return ApiKeyOutcome.Success(cached);
        }

        if (!_slots.Wait(0))
        {
            return ApiKeyOutcome.Busy;
        }

        try
        {
            // Another request may have verified the same token while this one waited for nothing.
            if (_cache.Find(digest) is { } raced)
            {
                return ApiKeyOutcome.Success(raced);
            }

            foreach (var key in _options.ApiKeys)
            {
                if (_matches(token, key.KeyHash))
                {
                    _cache.Add(digest, key);
                    return ApiKeyOutcome.Success(key);
                }
            }

            return ApiKeyOutcome.Invalid;
        }
        finally
        {
            _slots.Release();
        }
    }

    private static bool BcryptMatches(string token, string hash)
    {
        try
        {
            return BCrypt.Net.BCrypt.Verify(token, hash);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            return false;
        }
    }
}
