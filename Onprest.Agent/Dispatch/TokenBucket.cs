using Onprest.Agent.Capabilities;

namespace Onprest.Agent.Dispatch;

/// <summary>
/// One capability's <c>rate_limit</c> bucket (docs/agent-databases.md): exact integer arithmetic in token-nanoseconds on a
/// monotonic clock. Capacity is <c>burst × per_ns</c> credits, an admission costs <c>per_ns</c>, each elapsed
/// nanosecond adds <c>requests</c>. <see cref="Int128"/> keeps every product exact for any linted policy.
/// </summary>
internal sealed class TokenBucket
{
    private const long NanosecondsPerSecond = 1_000_000_000;
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Int128 _capacity;
    private readonly Int128 _cost;
    private readonly long _requests;
    private Int128 _credits;
    private long _last;

    public TokenBucket(RateLimitPolicy policy, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(policy.Requests, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(policy.PerNanoseconds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(policy.Burst, 1);
        _time = time;
        _requests = policy.Requests;
        _cost = policy.PerNanoseconds;
        _capacity = (Int128)policy.Burst * policy.PerNanoseconds;
        _credits = _capacity;
        _last = time.GetTimestamp();
    }

    /// <summary>Takes one token if available; atomic with respect to every other caller.</summary>
    public bool TryTake()
    {
        lock (_gate)
        {
            Refill();
            if (_credits < _cost)
            {
                return false;
            }

            _credits -= _cost;
            return true;
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        if (now <= _last)
        {
            // A clock that appears to go backwards (or stands still) adds nothing.
            return;
        }

        var elapsedNanoseconds = (Int128)(now - _last) * NanosecondsPerSecond / _time.TimestampFrequency;
        var room = _capacity - _credits;
        var added = elapsedNanoseconds * _requests;
        _credits = added >= room ? _capacity : _credits + added;
        _last = now;
    }
}
