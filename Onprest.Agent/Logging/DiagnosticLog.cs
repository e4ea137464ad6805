using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Onprest.Agent.Logging;

/// <summary>
/// The <c>validate</c>/<c>doctor</c> diagnostic log (docs/configuration.md): an exclusive lock held for the whole command,
/// recovery of stale temporary files, a check of the existing log, then either the latest failure record committed by
/// an atomic replace or, on success, no log at all. Never rotated; never touches the runtime detail log.
/// </summary>
public sealed partial class DiagnosticLog : IDisposable
{
    public const long MaxSize = 1024 * 1024;
    public const string DetailLogStage = "detail_log";
    public const string BusyStage = "busy";

    private readonly FileStream _lock;
    private readonly DiagnosticKind _kind;
    private readonly string _folder;
    private readonly string _base;

    private DiagnosticLog(FileStream heldLock, string folder, string baseName, DiagnosticKind kind)
    {
        _lock = heldLock;
        _folder = folder;
        _base = baseName;
        _kind = kind;
        LogPath = Path.Combine(folder, $"{baseName}.{Word(kind)}.log");
    }

    /// <summary>The absolute diagnostic log path (<c>onprest-agent.validate.log</c>).</summary>
    public string LogPath { get; }

    public static string LockName(string baseName, DiagnosticKind kind) => $".{baseName}.{Word(kind)}.lock";

    /// <summary>Steps 1–3 of docs/configuration.md: take the lock, recover stale temporary files, check the existing log.</summary>
    public static DiagnosticAcquireResult Acquire(string folder, string baseName, DiagnosticKind kind)
    {
        folder = Path.GetFullPath(folder);
        if (!LogPaths.EnsureWritable(folder))
        {
            return new DiagnosticAcquireResult(null, DetailLogStage, FailedMessage(kind) + "; " + LogPaths.Unwritable(folder), "data directory is not writable");
        }

        var lockPath = Path.Combine(folder, LockName(baseName, kind));
        FileStream? held = null;
        try
        {
            PrivateFile.EnsureRegularOrMissing(lockPath);
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            held = new FileStream(lockPath, options);
            PrivateFile.EnsureRegularOrMissing(lockPath);
            if (held.Length != 0 || !held.CanSeek || !PrivateFile.IsPrivateRegular(lockPath))
            {
                held.Dispose();
                return Unusable($"lock file {lockPath} is not an empty private regular file");
            }
        }
        catch (IOException ex) when (IsSharingViolation(ex))
        {
            held?.Dispose();
            var message = kind == DiagnosticKind.Validate ? "another validation is already running" : "another doctor is already running";
            return new DiagnosticAcquireResult(null, BusyStage, message, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            held?.Dispose();
            return Unusable($"lock {lockPath}: {ex.Message}");
        }

        var log = new DiagnosticLog(held, folder, baseName, kind);
        log.RecoverStaleTemporaryFiles();
        var existing = log.CheckExistingLog();
        if (existing is not null)
        {
            log.Dispose();
            return Unusable(existing);
        }

        return new DiagnosticAcquireResult(log, null, null, null);

        DiagnosticAcquireResult Unusable(string reason) => new(null, DetailLogStage, FailedMessage(kind), reason);
    }

    /// <summary>The record of docs/configuration.md; <paramref name="redactedDetail"/> must already be redacted (<see cref="Redactor"/>).</summary>
    public static byte[] BuildRecord(DateTimeOffset time, string capability, string stage, string message, string redactedDetail) =>
        DetailRecord.Serialize(time, capability, null, stage, message, redactedDetail, null);

    /// <summary>docs/configuration.md step 4: the record goes to a new private temporary file, is flushed, then atomically replaces the log.</summary>
    public DiagnosticOutcome RecordFailure(byte[] record)
    {
        var temporary = Path.Combine(_folder, $".{_base}.{Word(_kind)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}.tmp");
        if (record.Length > MaxSize)
        {
            var reason = _kind == DiagnosticKind.Validate ? "validation detail log exceeds size limit" : "doctor detail log exceeds size limit";
            return new DiagnosticOutcome(null, null, FailedMessage(_kind), reason);
        }

        try
        {
            using (var stream = PrivateFile.CreateNew(temporary))
            {
                stream.Write(record);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, LogPath, overwrite: true);
            FlushDirectory(_folder);
            return new DiagnosticOutcome(LogPath, null, null, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }

                return new DiagnosticOutcome(null, null, FailedMessage(_kind), ex.Message);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                return new DiagnosticOutcome(null, temporary, null, $"{ex.Message}; {cleanup.Message}");
            }
        }
    }

    /// <summary>docs/configuration.md step 5: no diagnostic log remains after a success.</summary>
    public DiagnosticOutcome RecordSuccess()
    {
        try
        {
            RecoverStaleTemporaryFiles();
            if (File.Exists(LogPath))
            {
                File.Delete(LogPath);
                FlushDirectory(_folder);
            }

            return new DiagnosticOutcome(null, null, null, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var message = _kind == DiagnosticKind.Validate
                ? "validation succeeded, but validation detail log cleanup failed"
                : "doctor succeeded, but doctor detail log cleanup failed";
            return new DiagnosticOutcome(null, null, message, ex.Message);
        }
    }

    /// <summary>Releases the lock; call after the command's output is completely written.</summary>
    public void Dispose() => _lock.Dispose();

    public static string FailedMessage(DiagnosticKind kind) => kind == DiagnosticKind.Validate
        ? "validation failed, but diagnostic log could not be recorded"
        : "doctor failed, but diagnostic log could not be recorded";

    private static string Word(DiagnosticKind kind) => kind == DiagnosticKind.Validate ? "validate" : "doctor";

    private void RecoverStaleTemporaryFiles()
    {
        var pattern = new Regex($"^\\.{Regex.Escape(_base)}\\.{Word(_kind)}\\.[0-9a-f]{{32}}\\.tmp$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        foreach (var path in Directory.EnumerateFiles(_folder, $".{_base}.{Word(_kind)}.*.tmp"))
        {
            if (pattern.IsMatch(Path.GetFileName(path)) && PrivateFile.IsPrivateRegular(path))
            {
                try
                {
                    File.Delete(path);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Left for the next run; it does not affect this one.
                }
            }
        }
    }

    private string? CheckExistingLog()
    {
        var info = new FileInfo(LogPath);
        if (!info.Exists && info.LinkTarget is null && !Directory.Exists(LogPath))
        {
            return null;
        }

        if (!PrivateFile.IsPrivateRegular(LogPath))
        {
            return $"existing diagnostic log {LogPath} is not a private regular file";
        }

        return info.Length > MaxSize ? $"existing diagnostic log {LogPath} exceeds 1 MiB" : null;
    }

    private static bool IsSharingViolation(IOException exception) =>
        exception.HResult is unchecked((int)0x80070020) or unchecked((int)0x80070021) or 11 or 35;

    private static void FlushDirectory(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // The rename is durable only once the directory entry is on disk (docs/configuration.md step 4).
        var descriptor = OpenReadOnly(folder, 0);
        if (descriptor >= 0)
        {
            _ = Fsync(descriptor);
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenReadOnly(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);
}
