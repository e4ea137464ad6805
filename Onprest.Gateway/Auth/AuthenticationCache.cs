using Onprest.Gateway.Configuration;

namespace Onprest.Gateway.Auth;

/// <summary>
/// Successful verifications keyed by the SHA-256 digest of the token (gateway-http.md §5.3): the plaintext is
/// never stored; an entry lives 5 minutes from insertion (a hit does not extend it); at most 1024 entries, the
/// least recently used evicted; expired entries purged on insertion.
/// </summary>
public sealed class AuthenticationCache(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<byte[], LinkedListNode<Entry>> _entries = new(DigestComparer.Instance);
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

    public ApiKeyEntry? Find(byte[] digest)
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
            return node.Value.Key;
        }
    }

    public void Add(byte[] digest, ApiKeyEntry key)
    {
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

            var added = _recency.AddFirst(new Entry(digest, key, now));
            _entries[digest] = added;
        }
    }

    private bool IsExpired(Entry entry, long now) => time.GetElapsedTime(entry.InsertedAt, now) >= ApiKeyDefaults.CacheLifetime;

    private sealed record Entry(byte[] Digest, ApiKeyEntry Key, long InsertedAt);
}
