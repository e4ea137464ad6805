using System.Buffers;
using System.Text.Json;
using System.Text;
using Onprest.Contracts.Tunnel;

namespace Onprest.Gateway.Tests.Tunnel;

/// <summary>The per-thread writer that builds request frames must leave nothing of one frame in the next.</summary>
public sealed class RequestFrameReuseTests
{
    /// <summary>The frame as a fresh writer over a fresh buffer writes it.</summary>
    private static string Fresh(string id, string capability, string parameters, string? traceParent, string? traceState)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("capability", capability);
            json.WritePropertyName("params");
            json.WriteRawValue(parameters, skipInputValidation: true);
            if (!string.IsNullOrEmpty(traceParent))
            {
                json.WriteString("traceparent", traceParent);
                if (!string.IsNullOrEmpty(traceState))
                {
                    json.WriteString("tracestate", traceState);
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string? Build(string id, string capability, string parameters, string? traceParent = null, string? traceState = null) =>
        RequestFrame.TryBuild(id, capability, Encoding.UTF8.GetBytes(parameters), traceParent, traceState) is { } frame
            ? Encoding.UTF8.GetString(frame)
            : null;

    [Fact]
    public void Frames_built_one_after_another_match_a_fresh_writer()
    {
        Assert.Equal(Fresh("a", "get_customer", """{"customer_id":1}""", "00-tp-01", "k=v"), Build("a", "get_customer", """{"customer_id":1}""", "00-tp-01", "k=v"));
        Assert.Equal(Fresh("b", "x", "null", null, null), Build("b", "x", "null"));
        Assert.Equal(Fresh("c", "list_orders", """{"limit":20}""", "00-tp-01", null), Build("c", "list_orders", """{"limit":20}""", "00-tp-01"));
        Assert.Equal(Fresh("é😀", "<cap>", "[1,2]", null, "ignored"), Build("é😀", "<cap>", "[1,2]", null, "ignored"));
        Assert.Equal(Fresh("lone\ud800", "cap\udc00", "1", null, null), Build("lone\ud800", "cap\udc00", "1"));
    }

    [Theory]
    [InlineData("id", "cap", "{")]
    [InlineData("id", "cap", "{} {}")]
    [InlineData("id", "cap", "[1,")]
    public void A_frame_refused_halfway_leaves_the_next_one_intact(string id, string capability, string parameters)
    {
        Assert.Null(Build(id, capability, parameters));
        Assert.Equal(Fresh("next", "get_customer", """{"customer_id":2}""", null, null), Build("next", "get_customer", """{"customer_id":2}"""));
    }

    [Fact]
    public void A_frame_larger_than_the_retained_buffer_is_whole_and_the_next_one_too()
    {
        var large = "{\"blob\":\"" + new string('x', RequestFrame.RetainedBufferBytes * 2) + "\"}";
        Assert.Equal(Fresh("big", "put", large, null, null), Build("big", "put", large));
        Assert.Equal(Fresh("small", "get", "{}", null, null), Build("small", "get", "{}"));
    }

    [Fact]
    public void Threads_building_at_once_each_get_their_own_frame()
    {
        var mismatches = 0;
        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var parameters = "{\"n\":" + i + ",\"pad\":\"" + new string('p', i % 300) + "\"}";
            if (Build("r" + i, "cap" + (i % 7), parameters, i % 2 == 0 ? "00-tp-01" : null) != Fresh("r" + i, "cap" + (i % 7), parameters, i % 2 == 0 ? "00-tp-01" : null, null))
            {
                Interlocked.Increment(ref mismatches);
            }
        });

        Assert.Equal(0, mismatches);
    }

    [Theory]
    [InlineData("a", "get_customer", """{"customer_id":1}""", "00-tp-01", "k=v")]
    [InlineData("b", "x", "null", null, null)]
    [InlineData("c", "list_orders", """{"limit":20}""", "00-tp-01", null)]
    [InlineData("é😀", "<cap>", "[1,2]", null, "ignored")]
    [InlineData("lone\ud800", "cap\udc00", "1", null, null)]
    [InlineData("d", "q\"", "{\"s\":\"null\"}", null, null)]
    public void Params_checked_by_the_edge_are_framed_exactly_as_the_checked_build_frames_them(string id, string capability, string parameters, string? traceParent, string? traceState)
    {
        var validated = RequestFrame.TryBuildFromValidated(id, capability, Encoding.UTF8.GetBytes(parameters), traceParent, traceState);

        Assert.Equal(Fresh(id, capability, parameters, traceParent, traceState), Encoding.UTF8.GetString(validated!));
        Assert.Equal(RequestFrame.TryBuild(id, capability, Encoding.UTF8.GetBytes(parameters), traceParent, traceState), validated);
    }

    [Fact]
    public void Empty_params_are_framed_as_null_by_both_builds()
    {
        Assert.Equal("{\"id\":\"e\",\"capability\":\"c\",\"params\":null}", Encoding.UTF8.GetString(RequestFrame.TryBuildFromValidated("e", "c", [], null, null)!));
        Assert.Equal(RequestFrame.TryBuild("e", "c", ReadOnlyMemory<byte>.Empty, null, null), RequestFrame.TryBuildFromValidated("e", "c", [], null, null));
    }

    [Fact]
    public void Large_validated_params_never_pass_through_the_thread_buffer()
    {
        var large = "{\"blob\":\"" + new string('x', RequestFrame.RetainedBufferBytes * 2) + "\"}";
        var parameters = Encoding.UTF8.GetBytes(large);
        var frame = RequestFrame.TryBuildFromValidated("big", "put", parameters, null, null)!;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var again = RequestFrame.TryBuildFromValidated("big", "put", parameters, null, null);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(frame, again);

        // Only the frame: the thread's buffer holds the members around the params and never grows to their size.
        Assert.InRange(allocated, frame.Length, frame.Length + 32);
        Assert.Equal(Fresh("small", "get", "{}", null, null), Build("small", "get", "{}"));
    }

    [Fact]
    public void Building_a_frame_allocates_only_the_frame()
    {
        var parameters = """{"customer_id":4242}"""u8.ToArray();
        var frame = RequestFrame.TryBuild("01J9Z3Q7K8X2V4T6R8N0M2P4S6", "get_customer", parameters, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", null)!;
        var before = GC.GetAllocatedBytesForCurrentThread();
        RequestFrame.TryBuild("01J9Z3Q7K8X2V4T6R8N0M2P4S6", "get_customer", parameters, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", null);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // An array's payload plus its object header and length (24 bytes on 64-bit), rounded up to 8.
        Assert.InRange(allocated, frame.Length, frame.Length + 32);
    }
}
