using System.Globalization;
using Onprest.Contracts.Errors;
using Onprest.Contracts.Text;

namespace Onprest.Agent.Logging;

/// <summary>
/// The private runtime detail log <c>&lt;base&gt;.log</c> beside the executable (docs/configuration.md): one JSON record per
/// line holding the public message, the private detail and the request id; size rotation by <c>logging.max_size</c>
/// and <c>logging.max_files</c>; owner-only permissions; links and non-regular files refused. Thread-safe.
/// </summary>
/// <remarks>
/// Callers choose much of what a record holds (the capability name they ask for, the member names of their params,
/// values the database quotes back in its errors), so the log bounds what one caller can do to it: every record is
/// at most <see cref="MaxRecordBytes"/>, the capability name is cut like every echoed name, and records of caller
/// mistakes (params that fail validation, capabilities that are not defined) share a per-minute byte budget, so a
/// flood of them cannot rotate the earlier history away within minutes. See docs/agent-detail-log.md.
/// </remarks>
public sealed class AgentDetailLog : IDisposable
{
    /// <summary>The start-up failure code of docs/configuration.md (not a public wire code).</summary>
    public const string StartupFailedCode = "AGENT_STARTUP_FAILED";
    public const string StartupFailedMessage = "agent startup failed";

    /// <summary>The largest record written, newline included; longer fields are cut with <see cref="DetailRecord.TruncationMark"/>.</summary>
    public const int MaxRecordBytes = 8 * 1024;

    /// <summary>The caller-mistake budget is a tenth of <c>logging.max_size</c> per minute, and never below this.</summary>
    public const long MinimumMistakeBudget = 64 * 1024;

    public const string SuppressedMessage = "detail log records suppressed";

    private static readonly TimeSpan BudgetWindow = TimeSpan.FromMinutes(1);

    private readonly long _maxSize;
    private readonly int _maxFiles;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private FileStream? _stream;
    private long _windowStart;
    private bool _windowOpen;
    private long _windowBytes;
    private long _suppressedRecords;
    private long _suppressedBytes;

    private AgentDetailLog(string path, long maxSize, int maxFiles, TimeProvider time)
    {
        LogPath = path;
        _maxSize = maxSize;
        _maxFiles = maxFiles;
        _time = time;
        MistakeBudgetPerMinute = Math.Max(maxSize / 10, MinimumMistakeBudget);
    }

    /// <summary>Bytes of caller-mistake records written per minute before further ones are counted instead of written.</summary>
    public long MistakeBudgetPerMinute { get; }

    /// <summary>The absolute path of the current log file.</summary>
    public string LogPath { get; }

    /// <summary>
    /// Opens (creating if missing) the log at <paramref name="path"/>. Throws <see cref="IOException"/> or
    /// <see cref="UnauthorizedAccessException"/> when it cannot be used; start-up then prints
    /// <c>agent init: agent detail log could not be opened</c> (docs/agent-databases.md step 2).
    /// </summary>
    public static AgentDetailLog Open(string path, long maxSize, int maxFiles, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxFiles);
        path = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }
        }

        var log = new AgentDetailLog(path, maxSize, maxFiles, time ?? TimeProvider.System);
        log._stream = PrivateFile.OpenAppend(path);
        return log;
    }

    /// <summary>
    /// Records an error response (docs/agent-databases.md, docs/configuration.md). <paramref name="detail"/> is private text:
    /// driver message, SQLSTATE/error number, reason. Never pass params, the private key or the password.
    /// Returns false when the record could not be written (the agent keeps serving).
    /// </summary>
    /// <remarks>A caller-mistake record over the minute's budget is counted, not written, and false is returned.</remarks>
    public bool WriteError(string? requestId, string capability, PublicError error, string detail)
    {
        ArgumentNullException.ThrowIfNull(capability);
        ArgumentNullException.ThrowIfNull(error);
        var record = DetailRecord.Serialize(_time.GetUtcNow(), EchoedName.Cut(capability), error.Code, null, error.Message, detail, requestId, MaxRecordBytes);
        return WriteBudgeted(record, IsCallerMistake(error));
    }

    /// <summary>The start-up failure record of docs/configuration.md; <paramref name="redactedDetail"/> must already be redacted (<see cref="Redactor"/>).</summary>
    public bool WriteStartupFailure(string capability, string redactedDetail) =>
        Write(DetailRecord.Serialize(_time.GetUtcNow(), EchoedName.Cut(capability), StartupFailedCode, null, StartupFailedMessage, redactedDetail, null, MaxRecordBytes));

    public void Dispose()
    {
        lock (_gate)
        {
            if (_stream is not null && _suppressedRecords > 0)
            {
                Write(SuppressedRecord());
            }

            _stream?.Dispose();
            _stream = null;
        }
    }

    /// <summary>Mistakes a caller can repeat at no cost to itself and without touching the database.</summary>
    private static bool IsCallerMistake(PublicError error) =>
        error.Code == ErrorCodes.AgentValidationFailed || error == PublicErrors.CapabilityNotDefined;

    private bool WriteBudgeted(byte[] record, bool callerMistake)
    {
        lock (_gate)
        {
            // A new window starts with the first record after the old one ended; any record then reports what the
            // old window left out, so the summary does not wait for the next mistake.
            var now = _time.GetTimestamp();
            if (_windowOpen && _time.GetElapsedTime(_windowStart, now) >= BudgetWindow)
            {
                _windowOpen = false;
                if (_suppressedRecords > 0)
                {
                    Write(SuppressedRecord());
                }
            }

            if (!callerMistake)
            {
                return Write(record);
            }

            if (!_windowOpen)
            {
                _windowOpen = true;
                _windowStart = now;
                _windowBytes = 0;
            }

            if (_windowBytes + record.Length > MistakeBudgetPerMinute)
            {
                _suppressedRecords++;
                _suppressedBytes += record.Length;
                return false;
            }

            _windowBytes += record.Length;
            return Write(record);
        }
    }

    /// <summary>Says how many caller-mistake records the last budget window left out; resets the count.</summary>
    private byte[] SuppressedRecord()
    {
        var detail = string.Create(
            CultureInfo.InvariantCulture,
            $"{_suppressedRecords} records of params that failed validation or capabilities that are not defined ({_suppressedBytes} bytes) were not written: over the budget of {MistakeBudgetPerMinute} bytes per minute");
        _suppressedRecords = 0;
        _suppressedBytes = 0;
        return DetailRecord.Serialize(_time.GetUtcNow(), "", null, null, SuppressedMessage, detail, null, MaxRecordBytes);
    }

    private bool Write(byte[] record)
    {
        lock (_gate)
        {
            try
            {
                var stream = _stream ?? throw new ObjectDisposedException(nameof(AgentDetailLog));
                if (stream.Length > 0 && stream.Length + record.Length > _maxSize)
                {
                    stream = Rotate(stream);
                }

                stream.Seek(0, SeekOrigin.End);
                stream.Write(record);
                stream.Flush();
                return true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
            {
                return false;
            }
        }
    }

    /// <summary>docs/configuration.md: delete <c>.max_files</c>, shift <c>.N-1</c> → <c>.N</c> … <c>.1</c> → <c>.2</c>, current → <c>.1</c>, start fresh.</summary>
    private FileStream Rotate(FileStream current)
    {
        current.Dispose();
        _stream = null;
        if (_maxFiles == 0)
        {
            File.Delete(LogPath);
        }
        else
        {
            DeleteIfRegular($"{LogPath}.{_maxFiles}");
            for (var index = _maxFiles - 1; index >= 1; index--)
            {
                var from = $"{LogPath}.{index}";
                if (File.Exists(from))
                {
                    PrivateFile.EnsureRegularOrMissing(from);
                    File.Move(from, $"{LogPath}.{index + 1}", overwrite: true);
                }
            }

            File.Move(LogPath, $"{LogPath}.1", overwrite: true);
        }

        _stream = PrivateFile.OpenAppend(LogPath);
        return _stream;
    }

    private static void DeleteIfRegular(string path)
    {
        PrivateFile.EnsureRegularOrMissing(path);
        File.Delete(path);
    }
}
