using Onprest.Contracts.Errors;

namespace Onprest.Agent.Logging;

/// <summary>
/// The private runtime detail log <c>&lt;base&gt;.log</c> beside the executable (logging.md §4): one JSON record per
/// line holding the public message, the private detail and the request id; size rotation by <c>logging.max_size</c>
/// and <c>logging.max_files</c>; owner-only permissions; links and non-regular files refused. Thread-safe.
/// </summary>
public sealed class AgentDetailLog : IDisposable
{
    /// <summary>The start-up failure code of logging.md §4.4 (not a public wire code).</summary>
    public const string StartupFailedCode = "AGENT_STARTUP_FAILED";
    public const string StartupFailedMessage = "agent startup failed";

    private readonly long _maxSize;
    private readonly int _maxFiles;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private FileStream? _stream;

    private AgentDetailLog(string path, long maxSize, int maxFiles, TimeProvider time)
    {
        LogPath = path;
        _maxSize = maxSize;
        _maxFiles = maxFiles;
        _time = time;
    }

    /// <summary>The absolute path of the current log file.</summary>
    public string LogPath { get; }

    /// <summary>
    /// Opens (creating if missing) the log at <paramref name="path"/>. Throws <see cref="IOException"/> or
    /// <see cref="UnauthorizedAccessException"/> when it cannot be used; start-up then prints
    /// <c>agent init: agent detail log could not be opened</c> (execution.md §1 step 2).
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
    /// Records an error response (execution.md §10, logging.md §4.3). <paramref name="detail"/> is private text:
    /// driver message, SQLSTATE/error number, reason. Never pass params, the private key or the password.
    /// Returns false when the record could not be written (the agent keeps serving).
    /// </summary>
    public bool WriteError(string? requestId, string capability, PublicError error, string detail) =>
        Write(DetailRecord.Serialize(_time.GetUtcNow(), capability, error.Code, null, error.Message, detail, requestId));

    /// <summary>The start-up failure record of logging.md §4.4; <paramref name="redactedDetail"/> must already be redacted (<see cref="Redactor"/>).</summary>
    public bool WriteStartupFailure(string capability, string redactedDetail) =>
        Write(DetailRecord.Serialize(_time.GetUtcNow(), capability, StartupFailedCode, null, StartupFailedMessage, redactedDetail, null));

    public void Dispose()
    {
        lock (_gate)
        {
            _stream?.Dispose();
            _stream = null;
        }
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

    /// <summary>logging.md §4.2: delete <c>.max_files</c>, shift <c>.N-1</c> → <c>.N</c> … <c>.1</c> → <c>.2</c>, current → <c>.1</c>, start fresh.</summary>
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
