namespace Onprest.Gateway.Tunnel;

/// <summary>
/// Nonces already used (docs/tunnel-protocol.md): an entry is forgotten once its stored timestamp is more than 5 minutes
/// old. Bounded because every entry consumed a challenge. Not thread-safe: <see cref="HandshakeReplayGuard"/> owns the lock.
/// </summary>
internal sealed class NonceReplaySet
{
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _expiry = new();
    private readonly TimeSpan _memory;

    public NonceReplaySet(TimeSpan memory) => _memory = memory;

    public int Count => _seen.Count;

    public bool Contains(string nonce, DateTimeOffset now)
    {
        Purge(now);
        return _seen.ContainsKey(nonce);
    }

    public void Add(string nonce, DateTimeOffset timestamp)
    {
        _seen[nonce] = timestamp;
        _expiry.Enqueue(nonce, timestamp);
    }

    private void Purge(DateTimeOffset now)
    {
        while (_expiry.TryPeek(out var nonce, out var timestamp) && now - timestamp > _memory)
        {
            _expiry.Dequeue();
            if (_seen.TryGetValue(nonce, out var stored) && stored == timestamp)
            {
                _seen.Remove(nonce);
            }
        }
    }
}
