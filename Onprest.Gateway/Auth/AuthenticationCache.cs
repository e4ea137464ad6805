namespace Onprest.Gateway.Auth;

/// <summary>
/// Successful verifications keyed by the SHA-256 digest of the token (docs/gateway.md): the plaintext is
/// never stored; an entry lives 5 minutes from insertion (a hit does not extend it); at most 1024 entries, the
/// least recently used evicted; expired entries purged on insertion. Each entry holds the success outcome the
/// verifier built once for its key, so a hit allocates nothing: the digest is a value type and moving the hit to
/// the front of the recency list reuses its node.
/// </summary>
public sealed class AuthenticationCache(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TokenDigest, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The cached success for the digest, or null when absent or expired (an expired entry is dropped).</summary>
    public ApiKeyOutcome? Find(TokenDigest digest)
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            if (!_entries.TryGetValue(digest, out var node))
            {
                return null;
            }

            if (IsExpired(node.Value, now))
            {
                _recency.Remove(node);
                _entries.Remove(digest);
                return null;
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value.Success;
        }
    }

    /// <summary>Caches a success; only outcomes that name a key belong here (failures are never cached).</summary>
    /// <exception cref="ArgumentException"><paramref name="success"/> names no key.</exception>
    public void Add(TokenDigest digest, ApiKeyOutcome success)
    {
        ArgumentNullException.ThrowIfNull(success);
        if (success.Key is null)
        {
            throw new ArgumentException("only a successful outcome can be cached", nameof(success));
        }

        var now = time.GetTimestamp();
        lock (_gate)
        {
            for (var node = _recency.First; node is not null;)
            {
                var next = node.Next;
                if (IsExpired(node.Value, now))
                {
                    _recency.Remove(node);
                    _entries.Remove(node.Value.Digest);
                }

                node = next;
            }

            if (_entries.Remove(digest, out var existing))
            {
                _recency.Remove(existing);
            }

            if (_entries.Count >= ApiKeyDefaults.CacheCapacity)
            {
                var oldest = _recency.Last!;
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Digest);
            }

            _entries[digest] = _recency.AddFirst(new Entry(digest, success, now));
        }
    }

    private bool IsExpired(Entry entry, long now) => time.GetElapsedTime(entry.InsertedAt, now) >= ApiKeyDefaults.CacheLifetime;

    private sealed record Entry(TokenDigest Digest, ApiKeyOutcome Success, long InsertedAt);
}
