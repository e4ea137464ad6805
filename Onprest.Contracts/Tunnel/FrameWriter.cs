using System.Buffers;
using System.Text.Json;

namespace Onprest.Contracts.Tunnel;

/// <summary>
/// One <see cref="Utf8JsonWriter"/> and buffer per thread for the frames that need escaping, reused frame after frame
/// (as System.Text.Json's serializer does): a fresh buffer writer and <see cref="Utf8JsonWriter"/> per frame cost more
/// than the frame itself and grew the buffer, by copying, while writing; this way the only allocation is the
/// exact-size frame. Building is synchronous, so no other frame can touch them while one is being written.
/// </summary>
internal static class FrameWriter
{
    /// <summary>Frames up to this size leave their buffer to the thread's next frame; a larger one's is let go.</summary>
    public const int RetainedBufferBytes = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_json;

    /// <summary>The thread's writer, empty; hand it back with <see cref="Release"/> whatever happens.</summary>
    public static Utf8JsonWriter Rent(out ArrayBufferWriter<byte> buffer)
    {
        buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        return t_json ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = false, MaxDepth = 1024 });
    }

    /// <summary>The frame written so far, as an array of its exact size.</summary>
    public static byte[] ToArray(Utf8JsonWriter json, ArrayBufferWriter<byte> buffer)
    {
        json.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Leaves the writer empty for the next frame, whatever state a refused one left it in. The frame's bytes (a
    /// caller's params) are wiped rather than left in a buffer that outlives the call.
    /// </summary>
    public static void Release(Utf8JsonWriter json, ArrayBufferWriter<byte> buffer)
    {
        json.Flush();
        json.Reset();
        if (buffer.Capacity > RetainedBufferBytes)
        {
            t_buffer = null;
            t_json = null;
            return;
        }

        buffer.Clear();
    }
}
