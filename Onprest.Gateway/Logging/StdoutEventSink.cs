using System.Buffers;
using System.Threading.Channels;

namespace Onprest.Gateway.Logging;

/// <summary>
/// Where <see cref="GatewayEventLog"/> lines go in the running gateway: a single background writer drains a queue of
/// whole lines into stdout, writing whatever has accumulated in one system call. Request threads never wait for the
/// terminal or a pipe (the benchmark showed 32 concurrent requests queueing on a lock around a synchronous
/// <c>Console.Out</c> write per line), lines are never interleaved because one task writes them all, and their order
/// is the order they were queued. When the queue holds <see cref="Capacity"/> lines — stdout has stopped draining —
/// callers wait, as they did before; <see cref="FlushAsync"/> at shutdown writes everything queued.
/// </summary>
public sealed class StdoutEventSink : IAsyncDisposable
{
    public const int Capacity = 16_384;

    private readonly Channel<Line> _queue = Channel.CreateBounded<Line>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly Stream _output;
    private readonly Task _writer;
    private readonly Lock _lateGate = new();

    public StdoutEventSink(Stream output)
    {
        _output = output;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Queues one line (UTF-8, ending in <c>\n</c>); copied, so the caller may reuse its buffer.</summary>
    public void Write(ReadOnlySpan<byte> line)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(line.Length);
        line.CopyTo(buffer);
        var queued = new Line(buffer, line.Length);
        if (_queue.Writer.TryWrite(queued))
        {
            return;
        }

        try
        {
            // Full: stdout is not draining. Wait like the synchronous writer did rather than drop an event.
            _queue.Writer.WriteAsync(queued).AsTask().GetAwaiter().GetResult();
        }
        catch (ChannelClosedException)
        {
            // After shutdown's flush (a late event): once the queue has drained, so lines keep their order and never
            // share the stream with the background writer, write it directly.
            _writer.GetAwaiter().GetResult();
            lock (_lateGate)
            {
                _output.Write(buffer, 0, line.Length);
                _output.Flush();
            }

            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Stops accepting lines and waits until every queued line is written.</summary>
    public async Task FlushAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await FlushAsync().ConfigureAwait(false);

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new byte[64 * 1024];
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var length = 0;
            while (reader.TryRead(out var line))
            {
                if (length + line.Length > batch.Length)
                {
                    await WriteAsync(batch, length).ConfigureAwait(false);
                    length = 0;
                }

                if (line.Length > batch.Length)
                {
                    await WriteAsync(line.Buffer, line.Length).ConfigureAwait(false);
                }
                else
                {
                    line.Buffer.AsSpan(0, line.Length).CopyTo(batch.AsSpan(length));
                    length += line.Length;
                }

                ArrayPool<byte>.Shared.Return(line.Buffer);
            }

            await WriteAsync(batch, length).ConfigureAwait(false);
        }
    }

    private async Task WriteAsync(byte[] bytes, int length)
    {
        if (length == 0)
        {
            return;
        }

        try
        {
            await _output.WriteAsync(bytes.AsMemory(0, length)).ConfigureAwait(false);
            await _output.FlushAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // stdout closed (the reader of the pipe went away): events have nowhere to go; the gateway keeps serving.
        }
    }

    private readonly record struct Line(byte[] Buffer, int Length);
}
