namespace Onprest.Gateway.Tunnel;

/// <summary>
/// Outstanding challenges (tunnel.md §2, §5): in memory, 1 minute each, at most 1024, the oldest evicted first,
/// expired entries purged on every issue and consume. Not thread-safe: <see cref="HandshakeReplayGuard"/> owns the lock.
/// </summary>
internal sealed class ChallengeStore
{
    public const int Capacity = 1024;

    private readonly Dictionary<string, DateTimeOffset> _issued = new(StringComparer.Ordinal);
    private readonly Queue<(string Challenge, DateTimeOffset IssuedAt)> _order = new();
    private readonly TimeSpan _lifetime;

    public ChallengeStore(TimeSpan lifetime) => _lifetime = lifetime;

    public int Count => _issued.Count;

    public void Add(string challenge, DateTimeOffset now)
    {
        Purge(now);
        while (_issued.Count >= Capacity && _order.TryDequeue(out var oldest))
        {
            RemoveIfSame(oldest.Challenge, oldest.IssuedAt);
        }

        _issued[challenge] = now;
        _order.Enqueue((challenge, now));
    }

    /// <summary>True when the challenge exists and is at most the lifetime old.</summary>
    public bool IsValid(string challenge, DateTimeOffset now)
    {
        Purge(now);
        return _issued.TryGetValue(challenge, out var issuedAt) && now - issuedAt <= _lifetime;
    }

    public void Remove(string challenge) => _issued.Remove(challenge);

    public void Purge(DateTimeOffset now)
    {
        // The queue is in issue order; entries already consumed are skipped on the way.
        while (_order.TryPeek(out var head))
        {
            var consumed = !_issued.TryGetValue(head.Challenge, out var issuedAt) || issuedAt != head.IssuedAt;
            if (!consumed && now - head.IssuedAt <= _lifetime)
            {
                break;
            }

            _order.Dequeue();
            if (!consumed)
            {
                _issued.Remove(head.Challenge);
            }
        }
    }

    private void RemoveIfSame(string challenge, DateTimeOffset issuedAt)
    {
        if (_issued.TryGetValue(challenge, out var current) && current == issuedAt)
        {
            _issued.Remove(challenge);
        }
    }
}
