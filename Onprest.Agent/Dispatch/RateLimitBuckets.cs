using System.Globalization;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Logging;
using Onprest.Contracts.Errors;
using Onprest.Contracts.RateLimiting;

namespace Onprest.Agent.Dispatch;

/// <summary>
/// The per-capability buckets (docs/agent-databases.md), created once at start-up and shared by every connection, so they
/// survive reconnects. Rejections reach the detail log at most once per minute per capability, as one summary record.
/// </summary>
internal sealed class RateLimitBuckets
{
    private static readonly TimeSpan RecordInterval = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly AgentDetailLog? _log;
    private readonly TimeProvider _time;

    public RateLimitBuckets(AgentConfiguration configuration, AgentDetailLog? log, TimeProvider time)
    {
        _log = log;
        _time = time;
        foreach (var capability in configuration.Capabilities)
        {
            if (capability.Policy.RateLimit is { } policy)
            {
                _entries[capability.Name] = new Entry(new TokenBucket(new TokenRate(policy.Requests, policy.PerNanoseconds, policy.Burst), time));
            }
        }
    }

    /// <summary>True when the capability has no limit or a token was taken; a rejection is counted for the log.</summary>
    public bool TryAdmit(string capability)
    {
        if (!_entries.TryGetValue(capability, out var entry))
        {
            return true;
        }

        bool taken;
        lock (entry)
        {
            taken = entry.Bucket.TryTake();
        }

        if (taken)
        {
            return true;
        }

        RecordRejection(capability, entry);
        return false;
    }

    private void RecordRejection(string capability, Entry entry)
    {
        long rejections;
        lock (entry)
        {
            entry.Rejections++;
            var now = _time.GetTimestamp();
            if (entry.LastRecord is { } last && _time.GetElapsedTime(last, now) < RecordInterval)
            {
                return;
            }

            rejections = entry.Rejections;
            entry.Rejections = 0;
            entry.LastRecord = now;
        }

        _log?.WriteError(null, capability, PublicErrors.AgentRateLimited,
            string.Create(CultureInfo.InvariantCulture, $"{rejections} rate limit rejections since the previous record"));
    }

    private sealed class Entry(TokenBucket bucket)
    {
        public TokenBucket Bucket { get; } = bucket;
        public long Rejections { get; set; }
        public long? LastRecord { get; set; }
    }
}
