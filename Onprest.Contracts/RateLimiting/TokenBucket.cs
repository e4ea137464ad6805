namespace Onprest.Contracts.RateLimiting;

/// <summary>
/// A token bucket in exact integer arithmetic on a monotonic clock, used for the gateway's per-source limit and the
/// agent's per-capability <c>rate_limit</c>. It starts full, refills continuously and keeps fractions of a token:
/// credits are counted in token-nanoseconds (capacity <c>Burst × PerNanoseconds</c>, a token costs
/// <c>PerNanoseconds</c>, each elapsed nanosecond adds <c>Tokens</c>); <see cref="Int128"/> keeps every product exact.
/// Not thread-safe: the owner serialises calls (one lock per bucket, or the lock of the map that holds it).
/// </summary>
public sealed class TokenBucket
{
    private const long NanosecondsPerSecond = 1_000_000_000;
    private readonly TimeProvider _time;
    private readonly Int128 _capacity;
    private readonly Int128 _cost;
    private readonly long _tokens;
    private Int128 _credits;
    private long _last;

    public TokenBucket(TokenRate rate, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(rate);
        _time = time;
        _tokens = rate.Tokens;
        _cost = rate.PerNanoseconds;
        _capacity = (Int128)rate.Burst * rate.PerNanoseconds;
        _credits = _capacity;
        _last = time.GetTimestamp();
    }

    /// <summary>Takes one token if a whole one is held.</summary>
    public bool TryTake() => TryTake(_time.GetTimestamp());

    /// <summary>As <see cref="TryTake()"/>, at <paramref name="now"/>, a timestamp the caller already read from the bucket's clock.</summary>
    public bool TryTake(long now)
    {
        Refill(now);
        if (_credits < _cost)
        {
            return false;
        }

        _credits -= _cost;
        return true;
    }

    private void Refill(long now)
    {
        if (now <= _last)
        {
            // A clock that appears to go backwards (or stands still) adds nothing.
            return;
        }

        var elapsedNanoseconds = (Int128)(now - _last) * NanosecondsPerSecond / _time.TimestampFrequency;
        var room = _capacity - _credits;
        var added = elapsedNanoseconds * _tokens;
        _credits = added >= room ? _capacity : _credits + added;
        _last = now;
    }
}
