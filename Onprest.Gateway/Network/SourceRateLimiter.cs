using System.Net;
using Onprest.Contracts.RateLimiting;
using Onprest.Gateway.Configuration;

namespace Onprest.Gateway.Network;

/// <summary>
/// The per-source token buckets (IPv6 sources grouped by prefix, see <see cref="SourcePartition"/>): the shared
/// <see cref="TokenBucket"/> (continuous refill that keeps fractions of a token; a new source starts full, so its first
/// request leaves <c>BURST − 1</c>), at most 10,000 buckets with idle sweeping and least-recently-used eviction.
/// <c>System.Threading.RateLimiting</c>'s token bucket refills in whole tokens per period and its partitioned
/// limiter does not bound its partition map, so neither rule could be met with it (docs/gateway.md).
/// </summary>
public sealed class SourceRateLimiter
{
    public const int MaxBuckets = 10_000;

    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly TokenRate _rate;
    private readonly TimeSpan _idleAfter;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, LinkedListNode<Bucket>> _buckets = [];
    private readonly LinkedList<Bucket> _recency = new();
    private long _lastSweep;

    private readonly SourcePartition _partition;

    public SourceRateLimiter(GatewayOptions options, TimeProvider time)
        : this(options, time, new SourcePartition(options))
    {
    }

    public SourceRateLimiter(GatewayOptions options, TimeProvider time, SourcePartition partition)
    {
        _partition = partition;
        _rate = TokenRate.PerSecond(options.RateLimitRequestsPerSecond, options.RateLimitBurst);
        _time = time;
        var drainSeconds = Math.Ceiling(options.RateLimitBurst / options.RateLimitRequestsPerSecond);
        _idleAfter = TimeSpan.FromSeconds(Math.Max(600, Math.Min(2 * drainSeconds, TimeSpan.MaxValue.TotalSeconds / 2)));
        _lastSweep = time.GetTimestamp();
    }

    /// <summary>The number of buckets held; never above <see cref="MaxBuckets"/>.</summary>
    public int BucketCount
    {
        get
        {
            lock (_gate)
            {
                return _buckets.Count;
            }
        }
    }

    /// <summary>
    /// Takes one token from the bucket of <paramref name="source"/>'s partition (IPv6 per prefix); false when the
    /// bucket holds less than one whole token.
    /// </summary>
    public bool TryAcquire(IPAddress source)
    {
        source = _partition.KeyOf(source);
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            if (_time.GetElapsedTime(_lastSweep, now) >= SweepInterval)
            {
                SweepIdle(now);
            }

            if (_buckets.TryGetValue(source, out var node))
            {
                node.Value.LastUsed = now;
                _recency.Remove(node);
                _recency.AddFirst(node);
                return node.Value.Tokens.TryTake(now);
            }

            if (_buckets.Count >= MaxBuckets)
            {
                SweepIdle(now);
                if (_buckets.Count >= MaxBuckets)
                {
                    var oldest = _recency.Last!;
                    _recency.RemoveLast();
                    _buckets.Remove(oldest.Value.Source);
                }
            }

            var created = new LinkedListNode<Bucket>(new Bucket(source, new TokenBucket(_rate, _time)) { LastUsed = now });
            _recency.AddFirst(created);
            _buckets[source] = created;
            return created.Value.Tokens.TryTake(now);
        }
    }

    private void SweepIdle(long now)
    {
        _lastSweep = now;
        var node = _recency.Last;
        // The list is in recency order: stop at the first bucket that is still in use.
        while (node is not null && _time.GetElapsedTime(node.Value.LastUsed, now) >= _idleAfter)
        {
            var previous = node.Previous;
            _recency.Remove(node);
            _buckets.Remove(node.Value.Source);
            node = previous;
        }
    }

    private sealed class Bucket(IPAddress source, TokenBucket tokens)
    {
        public IPAddress Source { get; } = source;

        public TokenBucket Tokens { get; } = tokens;

        public long LastUsed { get; set; }
    }
}
