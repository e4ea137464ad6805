using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Databases;
using Onprest.Agent.Json;
using Onprest.Contracts.Errors;

namespace Onprest.Agent.Execution;

/// <summary>
/// Streams SELECT rows into <c>{"rows":[…],"count":N}</c> (docs/agent-params.md): at most <c>max_rows</c>
/// rows, declared columns only, members in ordinal name order, values coerced per declared type, and the exact
/// UTF-8 size checked against <c>max_bytes</c> while writing, so an oversized result stops reading early.
/// </summary>
internal sealed class SelectResultWriter
{
    /// <summary>docs/tunnel-protocol.md / no response frame above 16 MiB is ever sent.</summary>
    public const long FrameLimit = 16L * 1024 * 1024;

    private readonly IDatabaseEngine _engine;
    private readonly Capability _capability;

    public SelectResultWriter(IDatabaseEngine engine, Capability capability)
    {
        _engine = engine;
        _capability = capability;
    }

    /// <summary>True when reading stopped at <c>max_rows</c> while the statement may still have had rows.</summary>
    public bool StoppedEarly { get; private set; }

    public async Task<(byte[]? Result, CallFailure? Failure)> WriteAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var columns = ResolveColumns(reader, out var missing);
        if (missing is not null)
        {
            return (null, new CallFailure(PublicErrors.QueryFailed, $"result column \"{missing}\" was not returned by SQL"));
        }

        var policy = _capability.Policy;
        var limit = Math.Min(policy.MaxBytes, FrameLimit);
        var buffer = new ArrayBufferWriter<byte>(1024);
        await using var json = new Utf8JsonWriter(buffer, JsonWriting.Compact);
        json.WriteStartObject();
        json.WriteStartArray("rows");
        long count = 0;
        while (count < policy.MaxRows)
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                break;
            }

            json.WriteStartObject();
            foreach (var (column, ordinal) in columns)
            {
                json.WritePropertyName(column.Name);
                SourceValue value;
                try
                {
                    value = _engine.Read(reader, ordinal);
                }
                catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException or ArgumentException)
                {
                    return (null, new CallFailure(PublicErrors.QueryFailed, $"result column \"{column.Name}\" could not be read: {ex.GetType().Name}: {ex.Message}"));
                }

                if (!ValueCoercion.TryWrite(json, value, column.Type, out var reason))
                {
                    return (null, new CallFailure(PublicErrors.QueryFailed, $"result column \"{column.Name}\": {reason}"));
                }
            }

            json.WriteEndObject();
            count++;

            // The final document is at least what is written so far plus `],"count":<count>}`.
            var minimum = json.BytesCommitted + json.BytesPending + 10 + Digits(count) + 1;
            if (minimum > limit)
            {
                StoppedEarly = true;
                return (null, OverLimit(policy.MaxBytes, minimum));
            }
        }

        if (count == policy.MaxRows)
        {
            StoppedEarly = true;
        }

        json.WriteEndArray();
        json.WriteNumber("count", count);
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        if (buffer.WrittenCount > limit)
        {
            return (null, OverLimit(policy.MaxBytes, buffer.WrittenCount));
        }

        return (buffer.WrittenSpan.ToArray(), null);
    }

    private static CallFailure OverLimit(long maxBytes, long size) => size > FrameLimit && maxBytes > FrameLimit
        ? new CallFailure(PublicErrors.QueryFailed, string.Create(CultureInfo.InvariantCulture, $"result of at least {size} bytes exceeds the 16 MiB tunnel frame limit"))
        : new CallFailure(PublicErrors.MaxBytesExceeded, string.Create(CultureInfo.InvariantCulture, $"result of at least {size} bytes exceeds policy.max_bytes {maxBytes}"));

    /// <summary>Declared columns sorted by ordinal name, each mapped to the last returned column of that exact name.</summary>
    private List<(ResultColumn Column, int Ordinal)> ResolveColumns(DbDataReader reader, out string? missing)
    {
        missing = null;
        var result = new List<(ResultColumn, int)>();
        if (_capability.Result is not { Count: > 0 } declared)
        {
            return result;
        }

        var lastOrdinal = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var ordinal = 0; ordinal < reader.FieldCount; ordinal++)
        {
            lastOrdinal[reader.GetName(ordinal)] = ordinal;
        }

        foreach (var column in declared.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            if (!lastOrdinal.TryGetValue(column.Name, out var ordinal))
            {
                missing = column.Name;
                return result;
            }

            result.Add((column, ordinal));
        }

        return result;
    }

    private static int Digits(long value) => value.ToString(CultureInfo.InvariantCulture).Length;
}
