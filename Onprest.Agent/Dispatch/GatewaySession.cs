using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Capabilities.Params;
using Onprest.Agent.Logging;
using Onprest.Agent.Telemetry;
using Onprest.Contracts.Errors;
using Onprest.Contracts.Tunnel;
using Onprest.Agent.Execution;

namespace Onprest.Agent.Dispatch;

/// <summary>
/// The execution side of one gateway connection (docs/agent-databases.md): admission in the handbook's exact order,
/// a waiting queue of N, N workers, cancellation, and a response queue of max(64, 2N+1) whose overflow closes
/// the connection (the channel is then completed, which the tunnel's writer treats as "close").
/// </summary>
internal sealed class GatewaySession : IGatewaySession
{
    private readonly AgentConfiguration _configuration;
    private readonly ICapabilityExecutor _executor;
    private readonly RateLimitBuckets _buckets;
    private readonly AgentDetailLog? _log;
    private readonly Func<byte[]> _metadata;
    private readonly Channel<WorkItem> _waiting;
    private readonly Channel<ReadOnlyMemory<byte>> _responses;
    private readonly ConcurrentDictionary<string, WorkItem> _inFlight = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _connection = new();
    private readonly Task[] _workers;
    private readonly Action<WorkItem> _prepare;
    private readonly bool _startOnReader;
    private readonly HashSet<string> _patternChecked;
    private readonly TaskCompletionSource _prepared = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _preparing = 1;
    private int _sentinelReleased;
    private int _disposed;
    private int _draining;

    public GatewaySession(AgentConfiguration configuration, ICapabilityExecutor executor, RateLimitBuckets buckets, AgentDetailLog? log, Func<byte[]> metadata)
    {
        _configuration = configuration;
        _executor = executor;
        _buckets = buckets;
        _log = log;
        _metadata = metadata;
        var n = Math.Max(1, configuration.MaxConcurrentRequests);
        _prepare = Prepare;
        _startOnReader = executor.YieldsWhileWaiting;
        _patternChecked = configuration.Capabilities.Where(c => c.Parameters.Any(p => p.HasPattern)).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);

        // Synchronous continuations: whoever queues a call to an idle worker runs it itself, up to the call's first
        // wait for the database. That is a preparation on a thread pool thread, or the tunnel's reader for a call it
        // may start itself (StartsOnReader); either way no further thread is woken for the call.
        _waiting = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(n) { FullMode = BoundedChannelFullMode.Wait, AllowSynchronousContinuations = true });
        // Synchronous continuations: the worker that finishes a call runs the idle tunnel writer's next step itself,
        // so the response goes out without waking another thread first (one thread hop less per call).
        _responses = Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(ResponseCapacity(n)) { SingleReader = true, AllowSynchronousContinuations = true });
        // Each worker runs to its first wait here, so every one of them is idle (ready to take a call) on return.
        _workers = new Task[n];
        for (var i = 0; i < n; i++)
        {
            _workers[i] = WorkAsync();
        }
    }

    public ChannelReader<ReadOnlyMemory<byte>> Responses => _responses.Reader;

    /// <summary>Calls queued or running (tests observe admission and release).</summary>
    internal int InFlight => _inFlight.Count;

    /// <summary>Waiting-queue slots in use, including calls cancelled while queued until a worker discards them.</summary>
    internal int Waiting => _waiting.Reader.Count;

    /// <summary>Calls whose preparation has not finished (tests wait for 0 before looking at the answers).</summary>
    internal int Preparing => Math.Max(0, Volatile.Read(ref _preparing) - (Volatile.Read(ref _sentinelReleased) == 0 ? 1 : 0));

    /// <summary>
    /// The largest frame read in place on the tunnel's reader (docs/tunnel.md): its parse and validation take
    /// microseconds. Larger frames are copied and prepared on a thread pool thread, so the reader is never held long.
    /// </summary>
    public const int ReaderFrameLimit = 8 * 1024;

    /// <summary>max(64, 2N+1).</summary>
    public static int ResponseCapacity(int maxConcurrentRequests) => Math.Max(64, (2 * maxConcurrentRequests) + 1);

    public FrameDisposition OnFrame(ReadOnlyMemory<byte> utf8Json)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return FrameDisposition.CloseConnection;
        }

        if (Volatile.Read(ref _draining) != 0)
        {
            // Draining: dropped unread and unanswered; the drained close tells the gateway it never ran.
            return FrameDisposition.Continue;
        }

        // A small frame is read where it lies: a call that may start on the reader is prepared (and, with an idle
        // worker, started) before this method returns; any other call takes its params along (see Admit). A larger
        // frame is copied once into a pooled buffer that the call owns until its params are read.
        var inPlace = _startOnReader && utf8Json.Length <= ReaderFrameLimit;
        byte[]? frame = null;
        JsonDocument? document = null;
        try
        {
            var source = utf8Json;
            if (!inPlace)
            {
                frame = ArrayPool<byte>.Shared.Rent(Math.Max(1, utf8Json.Length));
                utf8Json.Span.CopyTo(frame);
                source = frame.AsMemory(0, utf8Json.Length);
            }

            var read = GatewayFrameReader.Read(source, out document);
            var disposition = read switch
            {
                GatewayFrame.Malformed malformed => Respond(ResponseFrame.EmptyId, null, "", PublicErrors.InvalidGatewayRequest, malformed.Detail),
                GatewayFrame.InvalidId => FrameDisposition.CloseConnection,
                GatewayFrame.UnknownControl => IgnoreControl(),
                GatewayFrame.Cancel cancel => CancelCall(cancel.Id),
                GatewayFrame.Request request => Admit(request, ref document, ref frame),
                _ => FrameDisposition.CloseConnection,
            };
            return disposition;
        }
        catch (Exception ex)
        {
            // Whatever a frame holds, it must never end the agent: a frame nobody foresaw costs this connection only
            // (the agent dials again) and leaves a record of what went wrong, never its content.
            _log?.WriteError(null, "", PublicErrors.InvalidGatewayRequest, "frame could not be read: " + ex.GetType().Name);
            return FrameDisposition.CloseConnection;
        }
        finally
        {
            // Null when a pending call took them over.
            document?.Dispose();
            if (frame is not null)
            {
                ArrayPool<byte>.Shared.Return(frame);
            }
        }
    }

    /// <summary>Connection loss: queued calls dropped, running calls cancelled (DML rolled back), no more responses.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Calls still being prepared finish first (they only validate; what they queue now is answered busy).
        ReleaseSentinel();
        _waiting.Writer.TryComplete();
        await _prepared.Task.ConfigureAwait(false);
        await _connection.CancelAsync().ConfigureAwait(false);
        foreach (var item in _inFlight.Values)
        {
            item.Cancel();
        }

        await Task.WhenAll(_workers).ConfigureAwait(false);
        _responses.Writer.TryComplete();
        _connection.Dispose();
    }

    public async Task<bool> DrainAsync(TimeSpan limit, TimeProvider time)
    {
        if (Volatile.Read(ref _disposed) != 0 || Interlocked.Exchange(ref _draining, 1) != 0)
        {
            return false;
        }

        try
        {
            // Preparations under way end first: each either queues its call (then it runs) or, seeing the drain, drops
            // it. A call is queued before the waiting queue completes or not at all, so nothing is half-taken.
            ReleaseSentinel();
            var budget = Stopwatch.StartNew();
            await _prepared.Task.WaitAsync(limit, time).ConfigureAwait(false);
            _waiting.Writer.TryComplete();
            await Task.WhenAll(_workers).WaitAsync(limit - budget.Elapsed, time).ConfigureAwait(false);
            _responses.Writer.TryComplete();
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (ArgumentOutOfRangeException)
        {
            // The budget ran out between the two waits.
            return false;
        }
    }

    /// <summary>Drops the count of 1 that keeps <see cref="_prepared"/> open while the session takes frames; once only.</summary>
    private void ReleaseSentinel()
    {
        if (Interlocked.Exchange(ref _sentinelReleased, 1) == 0 && Interlocked.Decrement(ref _preparing) == 0)
        {
            _prepared.TrySetResult();
        }
    }

    private FrameDisposition IgnoreControl()
    {
        _log?.WriteError(null, "", PublicErrors.InvalidGatewayRequest, "unknown or invalid control request");
        return FrameDisposition.Continue;
    }

    private FrameDisposition CancelCall(string id)
    {
        // an id that is not in flight is ignored.
        if (_inFlight.TryGetValue(id, out var item) && item.Cancel())
        {
            // Dropped while queued: the id is free again; a running call keeps it until its worker finishes.
            _inFlight.TryRemove(new KeyValuePair<string, WorkItem>(id, item));
        }

        return FrameDisposition.Continue;
    }

    /// <summary>
    /// The reader's part of admission (docs/agent-databases.md steps 1–3). The id is taken at once (a repeated id or a
    /// cancel sees it). A call that <see cref="StartsOnReader"/> is then prepared here, and with an idle worker started
    /// here up to its first wait for the database: no other thread is woken for it. Any other call is prepared on a
    /// thread pool thread (<see cref="Prepare"/>), so a slow validation never holds the reader: pings and other calls go on.
    /// </summary>
    private FrameDisposition Admit(GatewayFrame.Request request, ref JsonDocument? document, ref byte[]? frame)
    {
        var capabilityName = request.Capability ?? "";
        if (request.Capability is null || !request.ParamsValid)
        {
            return Respond(request.RawId, request.Id, capabilityName, PublicErrors.InvalidGatewayRequest, "capability is not a string or params is neither an object nor null");
        }

        // Step 2: an id still queued, running or being prepared.
        if (_inFlight.ContainsKey(request.Id))
        {
            return Respond(request.RawId, request.Id, capabilityName, PublicErrors.InvalidGatewayRequest, "request id is already in flight");
        }

        // Step 3: the metadata call never uses rate-limit tokens and needs no preparation.
        if (request.Capability == TunnelProtocol.MetaCapability)
        {
            Dispatch(WorkItem.Meta(request.Id, request.RawId, _connection.Token));
            return FrameDisposition.Continue;
        }

        if (frame is null && StartsOnReader(request.Capability))
        {
            // Read in place: the params are read before this method returns, so the call needs no copy of the frame.
            var item = WorkItem.Pending(request.Id, request.RawId, capabilityName, request.Params, request.TraceParent, request.TraceState, null, null, _connection.Token);
            Track(item);
            Prepare(item);
            return FrameDisposition.Continue;
        }

        // Prepared after this method returns: the call owns the frame's copy and document, or (read in place) a copy
        // of its params alone.
        var pending = frame is null
            ? WorkItem.Pending(request.Id, request.RawId, capabilityName, request.Params?.Clone(), request.TraceParent, request.TraceState, null, null, _connection.Token)
            : WorkItem.Pending(request.Id, request.RawId, capabilityName, request.Params, request.TraceParent, request.TraceState, document, frame, _connection.Token);
        document = null;
        frame = null;
        Dispatch(pending);
        return FrameDisposition.Continue;
    }

    private void Dispatch(WorkItem item)
    {
        Track(item);
        item.Dispatch(_prepare);
    }

    /// <summary>In flight from now (a repeated id or a cancel finds it) and counted as preparing until prepared.</summary>
    private void Track(WorkItem item)
    {
        _inFlight[item.Id] = item;
        Interlocked.Increment(ref _preparing);
    }

    /// <summary>
    /// True when a call to <paramref name="capability"/> may be prepared and started on the tunnel's reader: the
    /// engine waits asynchronously (so a started call holds the reader only for its CPU work) and its validation has
    /// a bound cost — no parameter with a <c>pattern</c>, whose check may take up to its time limit. An undefined name
    /// is answered at once.
    /// </summary>
    private bool StartsOnReader(string capability) => _startOnReader && !_patternChecked.Contains(capability);

    /// <summary>Steps 4–8 of docs/agent-databases.md for one call, on a thread pool thread or (StartsOnReader) the reader.</summary>
    private void Prepare(WorkItem item)
    {
        try
        {
            if (!item.IsMeta && !item.CancelledWhileQueued)
            {
                PrepareCall(item);
            }

            item.ReleaseFrame();
            if (item.CancelledWhileQueued || Volatile.Read(ref _disposed) != 0 || Volatile.Read(ref _draining) != 0)
            {
                // Cancelled before it was queued (no response, the cancel freed the id), the connection is gone, or the
                // agent is stopping cleanly (dropped unanswered: the drained close tells the gateway it never ran).
                _inFlight.TryRemove(new KeyValuePair<string, WorkItem>(item.Id, item));
                item.Dispose();
                return;
            }

            // Step 6: answered at once, ahead of queued and running work; the token is never refunded.
            if (item.Capability is not null && !_buckets.TryAdmit(item.Capability.Name))
            {
                _inFlight.TryRemove(new KeyValuePair<string, WorkItem>(item.Id, item));
                item.Dispose();
                PlaceOrClose(ResponseFrame.Error(item.RawId, PublicErrors.AgentRateLimited));
                return;
            }

            Enqueue(item);
        }
        catch (Exception ex)
        {
            // Nothing in a call may stop the agent; the caller gets the stable error, the log the failure's kind.
            _inFlight.TryRemove(new KeyValuePair<string, WorkItem>(item.Id, item));
            item.Dispose();
            _log?.WriteError(item.Id, item.CapabilityName, PublicErrors.InvalidGatewayRequest, "call could not be prepared: " + ex.GetType().Name);
            PlaceOrClose(ResponseFrame.Error(item.RawId, PublicErrors.InvalidGatewayRequest));
        }
        finally
        {
            if (Interlocked.Decrement(ref _preparing) == 0)
            {
                _prepared.TrySetResult();
            }
        }
    }

    /// <summary>Steps 4–5: a defined capability and valid, bindable params, or a prepare rejection.</summary>
    private void PrepareCall(WorkItem item)
    {
        var capability = _configuration.Find(item.CapabilityName);
        if (capability is null)
        {
            item.Reject(PublicErrors.CapabilityNotDefined, "capability is not defined");
            return;
        }

        ParamValidationResult validation;
        try
        {
            validation = ParamValidator.Validate(capability.Parameters, item.Params);
        }
        catch (InvalidOperationException)
        {
            // A string value that is valid JSON but not valid Unicode (an escaped lone surrogate) has no text form.
            item.Reject(PublicErrors.InvalidGatewayRequest, "params hold a string that is not valid Unicode");
            return;
        }

        if (validation.Error is not null)
        {
            item.Reject(PublicErrors.Validation(validation.Error), "params failed validation");
            return;
        }

        if (!ParamValidator.TryBind(capability.Prepared, validation.Values, out var bound, out var bindError))
        {
            item.Reject(PublicErrors.Validation(bindError), "a placeholder names an absent parameter");
            return;
        }

        item.Prepared(capability, bound);
    }

    /// <summary>Steps 7–8: queued, or answered busy when the waiting queue is full.</summary>
    private void Enqueue(WorkItem item)
    {
        if (_waiting.Writer.TryWrite(item))
        {
            return;
        }

        if (Volatile.Read(ref _draining) != 0)
        {
            // The waiting queue completed for a clean stop: this call never runs and is not answered.
            _inFlight.TryRemove(new KeyValuePair<string, WorkItem>(item.Id, item));
            item.Dispose();
            return;
        }

        _inFlight.TryRemove(new KeyValuePair<string, WorkItem>(item.Id, item));
        item.Dispose();
        _log?.WriteError(item.Id, item.CapabilityName, PublicErrors.AgentBusy, "waiting queue is full");
        PlaceOrClose(ResponseFrame.Error(item.RawId, PublicErrors.AgentBusy));
    }

    /// <summary>An immediate response off the reader; a full response queue closes the connection.</summary>
    private void PlaceOrClose(byte[] frame)
    {
        if (!_responses.Writer.TryWrite(frame))
        {
            _responses.Writer.TryComplete();
        }
    }

    private FrameDisposition Respond(byte[] rawId, string? requestId, string capability, PublicError error, string detail)
    {
        _log?.WriteError(requestId, capability, error, detail);
        return Place(ResponseFrame.Error(rawId, error));
    }

    /// <summary>An immediate response; a full response queue closes the connection.</summary>
    private FrameDisposition Place(byte[] frame) =>
        _responses.Writer.TryWrite(frame) ? FrameDisposition.Continue : FrameDisposition.CloseConnection;

    /// <summary>
    /// One worker. It waits with <c>ReadAsync</c>, which hands a queued call to exactly one idle worker; waiting for
    /// "something to read" would wake every idle worker for each call, only for all but one to find nothing.
    /// </summary>
    private async Task WorkAsync()
    {
        while (true)
        {
            WorkItem item;
            try
            {
                item = await _waiting.Reader.ReadAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (ChannelClosedException)
            {
                // The waiting queue completed (connection loss or a clean stop) and is empty.
                return;
            }

            using (item)
            {
                await RunAsync(item).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs the call inside <c>onprest.agent.execute</c> / <c>onprest.db.execute</c> (docs/configuration.md).</summary>
    private async Task<ExecutionOutcome> ExecuteTracedAsync(WorkItem item)
    {
        var capability = item.Capability!;
        var started = Stopwatch.GetTimestamp();
        using var execute = AgentTelemetry.StartExecute(capability.Name, item.TraceParent, item.TraceState);
        using var database = AgentTelemetry.StartDatabase(capability.Name);
        var outcome = await _executor.ExecuteAsync(capability, item.BoundValues, item.Id, item.Cancellation).ConfigureAwait(false);
        AgentTelemetry.Complete(capability.Name, outcome, Stopwatch.GetElapsedTime(started), execute, database);
        return outcome;
    }

    private async Task RunAsync(WorkItem item)
    {
        try
        {
            // A call cancelled while waiting (or a lost connection) is dropped without a response.
            if (!item.TryStart() || _connection.IsCancellationRequested)
            {
                return;
            }

            byte[] response;
            if (item.IsMeta)
            {
                response = ResponseFrame.Success(item.RawId, _metadata());
            }
            else if (item.Rejection is not null)
            {
                _log?.WriteError(item.Id, item.CapabilityName, item.Rejection, item.RejectionDetail);
                response = ResponseFrame.Error(item.RawId, item.Rejection);
            }
            else
            {
                var outcome = await ExecuteTracedAsync(item).ConfigureAwait(false);
                response = outcome switch
                {
                    ExecutionOutcome.Success success => ResponseFrame.Success(item.RawId, success.ResultJson.Span),
                    ExecutionOutcome.Failure failure => ResponseFrame.Error(item.RawId, failure.Error),
                    _ => ResponseFrame.Error(item.RawId, PublicErrors.AgentInternal),
                };
            }

            if (response.Length > TunnelProtocol.MaxMessageBytes)
            {
                // docs/tunnel-protocol.md: never send a larger frame.
                _log?.WriteError(item.Id, item.CapabilityName, PublicErrors.QueryFailed, "response frame exceeds 16777216 bytes");
                response = ResponseFrame.Error(item.RawId, PublicErrors.QueryFailed);
            }

            Answer(item, response);
        }
        catch (Exception ex) when (!_connection.IsCancellationRequested)
        {
            // An unforeseen failure answers this call only; the worker goes on serving.
            _log?.WriteError(item.Id, item.CapabilityName, PublicErrors.AgentInternal, "call failed unexpectedly: " + ex.GetType().Name);
            Answer(item, ResponseFrame.Error(item.RawId, PublicErrors.AgentInternal));
        }
        catch (Exception)
        {
            // The connection is gone: nobody is waiting for an answer.
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<string, WorkItem>(item.Id, item));
        }
    }

    private void Answer(WorkItem item, byte[] response)
    {
        // The id is free before its answer can be seen: a gateway that reuses an answered id is never refused.
        _inFlight.TryRemove(new KeyValuePair<string, WorkItem>(item.Id, item));
        if (!_connection.IsCancellationRequested && !_responses.Writer.TryWrite(response))
        {
            // The response queue is full: close the connection (the tunnel sees the completed channel).
            _responses.Writer.TryComplete();
        }
    }
}
