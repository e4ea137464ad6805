using System.Net;
using Onprest.Gateway.Configuration;
using Onprest.Gateway.Network;
using Onprest.Gateway.Telemetry;

namespace Onprest.Gateway.Auth;

/// <summary>
/// Verifies tokens against the configured bcrypt hashes. A cache hit allocates nothing — the token is hashed from a
/// span into a value-type digest and the answer is the key's prebuilt success — because it runs on every
/// authenticated request. A miss costs bounded work:
/// <list type="bullet">
/// <item>a key of the <c>opk_&lt;id&gt;_…</c> format is compared with the one entry whose <c>key_id</c> is that id
/// (one bcrypt);</item>
/// <item>any other token is compared with the entries that carry no id, in order: keys made before the format
/// existed, and new keys whose entry was configured without its <c>key_id</c>. When every entry has an id, such a
/// token costs no bcrypt work at all;</item>
/// <item>the work runs in one of four gateway-wide slots taken without waiting, and one source (an IPv4 address or
/// an IPv6 prefix, as for the rate limiter) may hold only one slot at a time; otherwise the answer is "busy" at once.
/// A flood of wrong keys from one source therefore occupies at most one slot, and the others stay free for
/// everybody else.</item>
/// </list>
/// </summary>
public sealed class ApiKeyVerifier
{
    /// <summary>Slots one source may hold at once.</summary>
    public const int SlotsPerSource = 1;

    private readonly SemaphoreSlim _slots = new(ApiKeyDefaults.VerificationSlots, ApiKeyDefaults.VerificationSlots);
    private readonly Lock _sourcesGate = new();
    private readonly Dictionary<IPAddress, int> _sourcesVerifying = [];
    private readonly Dictionary<TokenDigest, TaskCompletionSource<ApiKeyOutcome>> _inFlight = [];
    private readonly ApiKeyEntry[] _keys;
    private readonly ApiKeyOutcome[] _successes;
    private readonly int[] _withoutId;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _byId;
    private readonly AuthenticationCache _cache;
    private readonly SourcePartition _partition;
    private readonly Func<string, string, bool> _matches;

    public ApiKeyVerifier(GatewayOptions options, AuthenticationCache cache, SourcePartition partition)
        : this(options, cache, partition, BcryptMatches)
    {
    }

    /// <summary>Tests substitute the hash check to hold slots open deterministically.</summary>
    internal ApiKeyVerifier(GatewayOptions options, AuthenticationCache cache, SourcePartition partition, Func<string, string, bool> matches)
    {
        // Taken once, with each key's success beside it, so the outcome a hit returns is never rebuilt.
        _keys = [.. options.ApiKeys];
        _successes = Array.ConvertAll(_keys, ApiKeyOutcome.Success);
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        var withoutId = new List<int>();
        for (var i = 0; i < _keys.Length; i++)
        {
            if (_keys[i].KeyId is { } id)
            {
                // The configuration refuses duplicate ids; the first entry would win anyway.
                byId.TryAdd(id, i);
            }
            else
            {
                withoutId.Add(i);
            }
        }

        _byId = byId.GetAlternateLookup<ReadOnlySpan<char>>();
        _withoutId = [.. withoutId];
        _cache = cache;
        _partition = partition;
        _matches = matches;
    }

    /// <summary>Verifies <paramref name="token"/> presented by <paramref name="source"/>, waiting for a verification of the same token already running.</summary>
    public ApiKeyOutcome Verify(ReadOnlySpan<char> token, IPAddress source)
    {
        var outcome = Verify(token, source, out var pending);
        return pending is null ? outcome : pending.GetAwaiter().GetResult();
    }

    /// <summary>
    /// Verifies <paramref name="token"/> presented by <paramref name="source"/> (the derived source address). When the
    /// same token is being verified for another request right now, no new work starts: <paramref name="pending"/>
    /// is that verification's result to await (the return value is then meaningless). A client that sends several
    /// requests at once with a key the cache does not know yet therefore costs one verification and none of them is
    /// refused as busy, while different wrong keys never share anything.
    /// </summary>
    public ApiKeyOutcome Verify(ReadOnlySpan<char> token, IPAddress source, out Task<ApiKeyOutcome>? pending)
    {
        pending = null;
        var digest = TokenDigest.Of(token);
        if (_cache.Find(digest) is { } cached)
        {
            return cached;
        }

        // Decided before any slot is taken: a key that cannot match anything costs nothing and blocks nobody.
        int? named = ApiKeyFormat.TryReadId(token, out var id) && _byId.TryGetValue(id, out var found) ? found : null;
        if (named is null && _withoutId.Length == 0)
        {
            return ApiKeyOutcome.Invalid;
        }

        TaskCompletionSource<ApiKeyOutcome> running;
        lock (_inFlight)
        {
            if (_inFlight.TryGetValue(digest, out var other))
            {
                pending = other.Task;
                return ApiKeyOutcome.Busy;
            }

            running = new TaskCompletionSource<ApiKeyOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
            _inFlight[digest] = running;
        }

        var outcome = ApiKeyOutcome.Busy;
        try
        {
            outcome = VerifyInSlot(token, source, digest, named);
            return outcome;
        }
        finally
        {
            lock (_inFlight)
            {
                _inFlight.Remove(digest);
            }

            running.SetResult(outcome);
        }
    }

    private ApiKeyOutcome VerifyInSlot(ReadOnlySpan<char> token, IPAddress source, TokenDigest digest, int? named)
    {
        var partition = _partition.KeyOf(source);
        if (!TryEnterSource(partition))
        {
            GatewayTelemetry.AuthenticationBusyAnswer();
            return ApiKeyOutcome.Busy;
        }

        try
        {
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

                // bcrypt takes a string; a miss costs milliseconds of hashing, so this copy does not matter.
                var plaintext = token.ToString();
                if (named is { } only)
                {
                    return Match(plaintext, only, digest) ?? ApiKeyOutcome.Invalid;
                }

                foreach (var index in _withoutId)
                {
                    if (Match(plaintext, index, digest) is { } success)
                    {
                        return success;
                    }
                }

                return ApiKeyOutcome.Invalid;
            }
            finally
            {
                _slots.Release();
            }
        }
        finally
        {
            LeaveSource(partition);
        }
    }

    private ApiKeyOutcome? Match(string plaintext, int index, TokenDigest digest)
    {
        GatewayTelemetry.BcryptVerification();
        if (!_matches(plaintext, _keys[index].KeyHash))
        {
            return null;
        }

        _cache.Add(digest, _successes[index]);
        return _successes[index];
    }

    /// <summary>The map holds only sources with a verification in progress, so it never exceeds the number of requests in flight.</summary>
    private bool TryEnterSource(IPAddress partition)
    {
        lock (_sourcesGate)
        {
            _sourcesVerifying.TryGetValue(partition, out var held);
            if (held >= SlotsPerSource)
            {
                return false;
            }

            _sourcesVerifying[partition] = held + 1;
            return true;
        }
    }

    private void LeaveSource(IPAddress partition)
    {
        lock (_sourcesGate)
        {
            var held = _sourcesVerifying[partition] - 1;
            if (held == 0)
            {
                _sourcesVerifying.Remove(partition);
            }
            else
            {
                _sourcesVerifying[partition] = held;
            }
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
