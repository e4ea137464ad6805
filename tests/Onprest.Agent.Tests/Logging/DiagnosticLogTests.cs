using Onprest.Agent.Logging;
using Onprest.Agent.Tests.Support;

namespace Onprest.Agent.Tests.Logging;

public sealed class DiagnosticLogTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static byte[] Record(string detail = "detail") =>
        DiagnosticLog.BuildRecord(DateTimeOffset.UnixEpoch, "cap", "capability_explain", "capability EXPLAIN validation failed", detail);

    [Fact]
    public void Failure_record_replaces_the_log_atomically_and_privately()
    {
        var acquired = DiagnosticLog.Acquire(_folder.Path, "onprest-agent", DiagnosticKind.Validate);
        using (var log = Assert.IsType<DiagnosticLog>(acquired.Log))
        {
            var outcome = log.RecordFailure(Record("first"));
            Assert.Equal(_folder.File("onprest-agent.validate.log"), outcome.LogPath);
            outcome = log.RecordFailure(Record("second"));
            Assert.True(outcome.Committed);
        }

        var text = File.ReadAllText(_folder.File("onprest-agent.validate.log"));
        Assert.Equal("{\"ts\":\"1970-01-01T00:00:00Z\",\"event\":\"agent_error\",\"capability\":\"cap\",\"stage\":\"capability_explain\",\"message\":\"capability EXPLAIN validation failed\",\"detail\":\"second\"}\n", text);
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_folder.File("onprest-agent.validate.log")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_folder.File(".onprest-agent.validate.lock")));
        }
    }

    [Fact]
    public void Success_removes_the_previous_log()
    {
        using (var log = DiagnosticLog.Acquire(_folder.Path, "onprest-agent", DiagnosticKind.Validate).Log!)
        {
            log.RecordFailure(Record());
        }

        using (var log = DiagnosticLog.Acquire(_folder.Path, "onprest-agent", DiagnosticKind.Validate).Log!)
        {
            var outcome = log.RecordSuccess();
            Assert.Null(outcome.PublicMessage);
        }

        Assert.False(File.Exists(_folder.File("onprest-agent.validate.log")));
    }

    [Fact]
    public void Second_run_is_busy_while_the_lock_is_held()
    {
        using var first = DiagnosticLog.Acquire(_folder.Path, "onprest-agent", DiagnosticKind.Validate).Log!;
        var second = DiagnosticLog.Acquire(_folder.Path, "onprest-agent", DiagnosticKind.Validate);
        Assert.Null(second.Log);
        Assert.Equal("busy", second.FailureStage);
        Assert.Equal("another validation is already running", second.FailureMessage);
        var doctor = DiagnosticLog.Acquire(_folder.Path, "onprest-agent", DiagnosticKind.Doctor);
        using var doctorLog = Assert.IsType<DiagnosticLog>(doctor.Log);
        Assert.Equal("another doctor is already running", DiagnosticLog.Acquire(_folder.Path, "onprest-agent", DiagnosticKind.Doctor).FailureMessage);
    }

    [Fact]
    public void Stale_matching_private_temporary_files_are_removed_others_left()
    {
        var stale = _folder.File(".onprest-agent.validate.0123456789abcdef0123456789abcdef.tmp");
        var upper = _folder.File(".onprest-agent.validate.0123456789ABCDEF0123456789ABCDEF.tmp");
        var shortName = _folder.File(".onprest-agent.validate.0123.tmp");
        var directory = _folder.File(".onprest-agent.validate.fedcba9876543210fedcba9876543210.tmp");
        foreach (var file in new[] { stale, upper, shortName })
        {
            using var stream = PrivateFile.CreateNew(file);
        }

        Directory.CreateDirectory(directory);
        using (var log = DiagnosticLog.Acquire(_folder.Path, "onprest-agent", DiagnosticKind.Validate).Log!)
        {
            Assert.False(File.Exists(stale));
        }

        Assert.True(File.Exists(upper));
        Assert.True(File.Exists(shortName));
        Assert.True(Directory.Exists(directory));
    }

    [Fact]
    public void Oversized_existing_log_fails_safely_without_modification()
    {
        var path = _folder.File("onprest-agent.validate.log");
        using (var stream = PrivateFile.CreateNew(path))
        {
            stream.SetLength(DiagnosticLog.MaxSize + 1);
        }

        var result = DiagnosticLog.Acquire(_folder.Path, "onprest-agent", DiagnosticKind.Validate);
        Assert.Null(result.Log);
        Assert.Equal("detail_log", result.FailureStage);
        Assert.Equal("validation failed, but diagnostic log could not be recorded", result.FailureMessage);
        Assert.Equal(DiagnosticLog.MaxSize + 1, new FileInfo(path).Length);
    }

    [Fact]
    public void Linked_existing_log_fails_safely()
    {
        var target = _folder.File("other.txt");
        File.WriteAllText(target, "keep");
        File.CreateSymbolicLink(_folder.File("onprest-agent.validate.log"), target);
        var result = DiagnosticLog.Acquire(_folder.Path, "onprest-agent", DiagnosticKind.Validate);
        Assert.Equal("detail_log", result.FailureStage);
        Assert.Equal("keep", File.ReadAllText(target));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void World_readable_existing_log_fails_safely()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix permission bits do not apply on Windows");
        }

        var path = _folder.File("onprest-agent.validate.log");
        File.WriteAllText(path, "x");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        Assert.Equal("detail_log", DiagnosticLog.Acquire(_folder.Path, "onprest-agent", DiagnosticKind.Validate).FailureStage);
    }

    [Fact]
    public void Non_empty_lock_file_is_refused()
    {
        var lockPath = _folder.File(".onprest-agent.validate.lock");
        using (var stream = PrivateFile.CreateNew(lockPath))
        {
            stream.WriteByte(1);
        }

        Assert.Equal("detail_log", DiagnosticLog.Acquire(_folder.Path, "onprest-agent", DiagnosticKind.Validate).FailureStage);
    }

    [Fact]
    public void Record_over_one_mebibyte_is_not_committed()
    {
        using var log = DiagnosticLog.Acquire(_folder.Path, "onprest-agent", DiagnosticKind.Validate).Log!;
        var outcome = log.RecordFailure(Record(new string('x', (int)DiagnosticLog.MaxSize)));
        Assert.False(outcome.Committed);
        Assert.Equal("validation failed, but diagnostic log could not be recorded", outcome.PublicMessage);
        Assert.Equal("validation detail log exceeds size limit", outcome.InternalReason);
        Assert.False(File.Exists(_folder.File("onprest-agent.validate.log")));
    }

    [Fact]
    public void Doctor_and_validate_files_are_independent()
    {
        using (var validate = DiagnosticLog.Acquire(_folder.Path, "onprest-agent", DiagnosticKind.Validate).Log!)
        {
            validate.RecordFailure(Record());
        }

        using (var doctor = DiagnosticLog.Acquire(_folder.Path, "onprest-agent", DiagnosticKind.Doctor).Log!)
        {
            Assert.Equal(_folder.File("onprest-agent.doctor.log"), doctor.LogPath);
            doctor.RecordSuccess();
        }

        Assert.True(File.Exists(_folder.File("onprest-agent.validate.log")));
    }
}
