namespace Onprest.Agent.Tunnel;

/// <summary>
/// Wraps the connection's stream and notes when bytes last arrived. The platform WebSocket answers pings inside
/// ReceiveAsync without surfacing them, so counting raw bytes is how the agent sees "any frame, ping or message"
/// for the 60 s silence rule (docs/tunnel-protocol.md).
/// </summary>
internal sealed class ActivityStream : Stream
{
    private readonly Stream _inner;
    private readonly TimeProvider _time;
    private long _lastRead;

    public ActivityStream(Stream inner, TimeProvider time)
    {
        _inner = inner;
        _time = time;
        _lastRead = time.GetTimestamp();
    }

    /// <summary>How long since the last byte arrived.</summary>
    public TimeSpan Silence => _time.GetElapsedTime(Interlocked.Read(ref _lastRead));

    public override bool CanRead => _inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => _inner.CanWrite;

    public override long Length => throw new NotSupportedException("the tunnel stream has no length");

    public override long Position
    {
        get => throw new NotSupportedException("the tunnel stream has no position");
        set => throw new NotSupportedException("the tunnel stream has no position");
    }

    public override int Read(byte[] buffer, int offset, int count) => Note(_inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Note(await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("the tunnel stream cannot seek");

    public override void SetLength(long value) => throw new NotSupportedException("the tunnel stream has no length");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Note(int read)
    {
        if (read > 0)
        {
            Interlocked.Exchange(ref _lastRead, _time.GetTimestamp());
        }

        return read;
    }
}
