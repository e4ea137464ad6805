using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Onprest.Gateway.Telemetry;

namespace Onprest.Gateway.Admin;

/// <summary>
/// What the status page shows about calls, read from the same <c>onprest.gateway.requests</c> measurements that
/// <c>/metrics</c> exports (one source of truth): counts per capability label, key name and error code, since start
/// and over the last <see cref="WindowMinutes"/> minutes. Its labels are the metric's closed sets.
/// </summary>
internal sealed class CallTally : IDisposable
{
    public const int WindowMinutes = 15;

    private readonly ConcurrentDictionary<CallKey, CallCount> _counts = new();
    private readonly TimeProvider _time;
    private readonly MeterListener _listener = new();

    public CallTally(TimeProvider time)
    {
        _time = time;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == OnprestTelemetry.Meter && instrument.Name == GatewayMetricNames.Requests)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Add(tags, value));
    }

    public void Start() => _listener.Start();

    /// <summary>Every (capability, key name, error code) seen so far with its counts; error code "" is success.</summary>
    public IReadOnlyList<(CallKey Key, long Total, long Recent)> Snapshot()
    {
        var minute = CurrentMinute();
        return [.. _counts.Select(pair => (pair.Key, pair.Value.Total, pair.Value.Recent(minute)))];
    }

    public void Dispose() => _listener.Dispose();

    private void Add(ReadOnlySpan<KeyValuePair<string, object?>> tags, long value)
    {
        string capability = "", keyName = "", errorCode = "";
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case OnprestTelemetry.CapabilityAttribute: capability = tag.Value as string ?? ""; break;
                case OnprestTelemetry.ApiKeyNameAttribute: keyName = tag.Value as string ?? ""; break;
                case OnprestTelemetry.ErrorCodeAttribute: errorCode = tag.Value as string ?? ""; break;
            }
        }

        _counts.GetOrAdd(new CallKey(capability, keyName, errorCode), static _ => new CallCount()).Add(value, CurrentMinute());
    }

    private long CurrentMinute() => _time.GetUtcNow().ToUnixTimeSeconds() / 60;

    /// <summary>One row of the tally: the metric's capability label, key name ("" unauthenticated) and error code ("" success).</summary>
    public sealed record CallKey(string Capability, string KeyName, string ErrorCode);

    /// <summary>A total and one slot per minute of the window; a slot from an older minute is reused.</summary>
    private sealed class CallCount
    {
        private readonly long[] _slots = new long[WindowMinutes];
        private readonly long[] _slotMinutes = new long[WindowMinutes];
        private long _total;

        public long Total => Interlocked.Read(ref _total);

        public void Add(long value, long minute)
        {
            Interlocked.Add(ref _total, value);
            var slot = (int)(minute % WindowMinutes);
            lock (_slots)
            {
                if (_slotMinutes[slot] != minute)
                {
                    _slotMinutes[slot] = minute;
                    _slots[slot] = 0;
                }

                _slots[slot] += value;
            }
        }

        public long Recent(long minute)
        {
            long sum = 0;
            lock (_slots)
            {
                for (var i = 0; i < WindowMinutes; i++)
                {
                    if (minute - _slotMinutes[i] < WindowMinutes)
                    {
                        sum += _slots[i];
                    }
                }
            }

            return sum;
        }
    }
}
