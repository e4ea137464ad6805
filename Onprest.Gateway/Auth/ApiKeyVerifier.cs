using Onprest.Gateway.Configuration;
using Onprest.Gateway.Telemetry;

namespace Onprest.Gateway.Auth;

/// <summary>
/// Verifies tokens against the configured bcrypt hashes (gateway-http.md §5.3). A cache miss takes one of four
/// gateway-wide slots without waiting, or is answered "busy" at once: a flood of wrong keys costs at most four
/// concurrent bcrypt checks, and cached keys keep working meanwhile. A cache hit allocates nothing — the token is
/// hashed from a span into a value-type digest and the answer is the key's prebuilt success — because it runs on
/// every authenticated request.
/// </summary>
public sealed class ApiKeyVerifier
{
    private readonly SemaphoreSlim _slots = new(ApiKeyDefaults.VerificationSlots, ApiKeyDefaults.VerificationSlots);
    private readonly ApiKeyEntry[] _keys;
    private readonly ApiKeyOutcome[] _successes;
    private readonly AuthenticationCache _cache;
    private readonly Func<string, string, bool> _matches;

    public ApiKeyVerifier(GatewayOptions options, AuthenticationCache cache)
        : this(options, cache, BcryptMatches)
    {
    }

    /// <summary>Tests substitute the hash check to hold slots open deterministically.</summary>
    internal ApiKeyVerifier(GatewayOptions options, AuthenticationCache cache, Func<string, string, bool> matches)
    {
        // Taken once, with each key's success beside it, so the outcome a hit returns is never rebuilt.
        _keys = [.. options.ApiKeys];
        _successes = Array.ConvertAll(_keys, ApiKeyOutcome.Success);
        _cache = cache;
        _matches = matches;
    }

    public ApiKeyOutcome Verify(ReadOnlySpan<char> token)
    {
        var digest = TokenDigest.Of(token);
        if (_cache.Find(digest) is { } cached)
        {
            return cached;
        }

        if (!_slots.Wait(0))
        {
            GatewayTelemetry.AuthenticationBusyAnswer();
            return ApiKeyOutcome.Busy;
        }

        try
        {
            // Another request may have verified the same token while this one waited for nothing.
            if (_cache.Find(digest) is { } raced)
            {
                return raced;
            }

            GatewayTelemetry.BcryptVerification();
            // bcrypt takes a string; a miss costs milliseconds of hashing, so this copy does not matter.
            var plaintext = token.ToString();
            for (var i = 0; i < _keys.Length; i++)
            {
                if (_matches(plaintext, _keys[i].KeyHash))
                {
                    _cache.Add(digest, _successes[i]);
                    return _successes[i];
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
