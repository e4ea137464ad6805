using System.Diagnostics;
using Onprest.Agent.Logging;
using Onprest.Agent.Tests.Support;
using Onprest.Contracts.Errors;

namespace Onprest.Agent.Tests.Logging;

public sealed class AgentDetailLogTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Writes_one_json_record_per_error_in_spec_member_order()
    {
        var path = _folder.File("onprest-agent.log");
        using (var log = AgentDetailLog.Open(path, 1024 * 1024, 3))
        {
            Assert.True(log.WriteError("req-9", "get_customer", PublicErrors.ConstraintViolation, "SQLSTATE 23505: duplicate key \"ü\" 😀"));
            Assert.True(log.WriteError(null, "", PublicErrors.InvalidGatewayRequest, "unknown or invalid control request"));
        }

        var lines = File.ReadAllLines(path);
        Assert.Equal(2, lines.Length);
        Assert.Matches("^\\{\"ts\":\"[0-9T:.-]+Z\",\"event\":\"agent_error\",\"capability\":\"get_customer\",\"error_code\":\"AGENT_CONSTRAINT_VIOLATION\",\"message\":\"database constraint violation\",\"detail\":\"SQLSTATE 23505: duplicate key \\\\\"ü\\\\\" 😀\",\"request_id\":\"req-9\"\\}$", lines[0]);
        Assert.DoesNotContain("request_id", lines[1]);
        Assert.Contains("\"capability\":\"\"", lines[1]);
    }

    [Fact]
    public void Startup_failure_record_has_the_fixed_code_and_message()
    {
        var path = _folder.File("onprest-agent.log");
        using (var log = AgentDetailLog.Open(path, 1024 * 1024, 3))
        {
            log.WriteStartupFailure("cap_a", "capability_explain: [SQL REDACTED]");
        }

        var record = DetailLogReader.Records(path).Single();
        Assert.Equal("AGENT_STARTUP_FAILED", record.GetProperty("error_code").GetString());
        Assert.Equal("agent startup failed", record.GetProperty("message").GetString());
        Assert.Equal("cap_a", record.GetProperty("capability").GetString());
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void New_file_is_owner_only()
    {
        SkipOnWindows();
        var path = _folder.File("onprest-agent.log");
        using var log = AgentDetailLog.Open(path, 1024, 1);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Broader_permissions_are_tightened()
    {
        SkipOnWindows();
        var path = _folder.File("onprest-agent.log");
        File.WriteAllText(path, "old\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
        using (var log = AgentDetailLog.Open(path, 1024 * 1024, 1))
        {
            log.WriteError("r", "c", PublicErrors.QueryFailed, "d");
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.StartsWith("old\n{", File.ReadAllText(path));
    }

    [Fact]
    public void Symbolic_link_is_refused()
    {
        var target = _folder.File("elsewhere.log");
        File.WriteAllText(target, "");
        var path = _folder.File("onprest-agent.log");
        File.CreateSymbolicLink(path, target);
        Assert.ThrowsAny<IOException>(() => AgentDetailLog.Open(path, 1024, 1));
        Assert.Equal("", File.ReadAllText(target));
    }

    [Fact]
    public void Dangling_symbolic_link_is_refused_and_nothing_is_created()
    {
        var target = _folder.File("missing-target.log");
        var path = _folder.File("onprest-agent.log");
        File.CreateSymbolicLink(path, target);
        Assert.ThrowsAny<IOException>(() => AgentDetailLog.Open(path, 1024, 1));
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void Directory_in_place_of_the_log_is_refused()
    {
        var path = _folder.File("onprest-agent.log");
        Directory.CreateDirectory(path);
        Assert.ThrowsAny<IOException>(() => AgentDetailLog.Open(path, 1024, 1));
    }

    [Fact]
    public void Fifo_in_place_of_the_log_is_refused_without_blocking()
    {
        SkipOnWindows();
        var path = _folder.File("onprest-agent.log");
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false }))
        {
            if (mkfifo is null)
            {
                Assert.Skip("mkfifo is not available");
            }

            mkfifo.WaitForExit();
        }

        Assert.ThrowsAny<IOException>(() => AgentDetailLog.Open(path, 1024, 1));
    }

    [Fact]
    public void Missing_folder_is_created()
    {
        var path = Path.Combine(_folder.Path, "sub", "dir", "onprest-agent.log");
        using var log = AgentDetailLog.Open(path, 1024, 1);
        Assert.True(log.WriteError("r", "c", PublicErrors.QueryFailed, "d"));
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void Rotates_by_size_keeping_max_files()
    {
        var path = _folder.File("onprest-agent.log");
        var detail = new string('x', 200);
        using (var log = AgentDetailLog.Open(path, 700, 2))
        {
            for (var i = 0; i < 12; i++)
            {
                Assert.True(log.WriteError($"req-{i}", "c", PublicErrors.QueryFailed, detail));
            }
        }

        Assert.True(File.Exists(path + ".1"));
        Assert.True(File.Exists(path + ".2"));
        Assert.False(File.Exists(path + ".3"));
        foreach (var file in new[] { path, path + ".1", path + ".2" })
        {
            Assert.True(new FileInfo(file).Length <= 700);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
        }

        var newest = DetailLogReader.Records(path).Last();
        Assert.Equal("req-11", newest.GetProperty("request_id").GetString());
        var oldestKept = DetailLogReader.Records(path + ".2").First().GetProperty("request_id").GetString();
        Assert.NotEqual("req-0", oldestKept);
    }

    [Fact]
    public void Record_larger_than_max_size_is_written_whole_into_a_fresh_file()
    {
        var path = _folder.File("onprest-agent.log");
        using (var log = AgentDetailLog.Open(path, 300, 1))
        {
            log.WriteError("small", "c", PublicErrors.QueryFailed, "d");
            log.WriteError("big", "c", PublicErrors.QueryFailed, new string('y', 1000));
        }

        var current = DetailLogReader.Records(path);
        Assert.Equal("big", Assert.Single(current).GetProperty("request_id").GetString());
        Assert.Equal("small", Assert.Single(DetailLogReader.Records(path + ".1")).GetProperty("request_id").GetString());
    }

    [Fact]
    public void Concurrent_writers_never_interleave_records()
    {
        var path = _folder.File("onprest-agent.log");
        using (var log = AgentDetailLog.Open(path, 10 * 1024 * 1024, 1))
        {
            Parallel.For(0, 400, i => log.WriteError($"r{i}", "c", PublicErrors.QueryFailed, new string('z', i % 50)));
        }

        Assert.Equal(400, DetailLogReader.Records(path).Select(r => r.GetProperty("request_id").GetString()).Distinct().Count());
    }

    [Fact]
    public void A_record_never_exceeds_8_KiB_and_marks_every_cut_field()
    {
        var path = _folder.File("onprest-agent.log");
        var hugeCapability = new string('c', 900 * 1024);
        var hugeDetail = "SQLSTATE 22P02: invalid input syntax: \"" + new string('"', 300_000) + string.Concat(Enumerable.Repeat("😀", 200_000)) + "\"";
        using (var log = AgentDetailLog.Open(path, 10 * 1024 * 1024, 3))
        {
            Assert.True(log.WriteError("r1", hugeCapability, PublicErrors.QueryFailed, hugeDetail));
            Assert.True(log.WriteStartupFailure(hugeCapability, hugeDetail));
        }

        var lines = File.ReadAllBytes(path).AsSpan();
        Assert.Equal(2, DetailLogReader.Records(path).Count);
        foreach (var record in DetailLogReader.Records(path))
        {
            Assert.Equal(new string('c', 63) + "…", record.GetProperty("capability").GetString());
            var detail = record.GetProperty("detail").GetString()!;
            Assert.StartsWith("SQLSTATE 22P02: invalid input syntax: \"\"\"", detail, StringComparison.Ordinal);
            Assert.EndsWith("…[truncated]", detail, StringComparison.Ordinal);
        }

        foreach (var line in File.ReadAllLines(path))
        {
            Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(line) + 1, 1, AgentDetailLog.MaxRecordBytes);
        }

        Assert.True(lines.Length <= 2 * AgentDetailLog.MaxRecordBytes);
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var path = _folder.File("onprest-agent.log");
        using (var log = AgentDetailLog.Open(path, 10 * 1024 * 1024, 3))
        {
            for (var offset = 0; offset < 4; offset++)
            {
                log.WriteError($"r{offset}", "c", PublicErrors.QueryFailed, new string('x', offset) + string.Concat(Enumerable.Repeat("😀", 5000)));
            }
        }

        foreach (var record in DetailLogReader.Records(path))
        {
            var detail = record.GetProperty("detail").GetString()!;
            Assert.DoesNotContain('\uFFFD', detail);
            Assert.EndsWith("😀…[truncated]", detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Records_within_the_limit_are_written_unchanged()
    {
        var path = _folder.File("onprest-agent.log");
        var detail = new string('d', 7000);
        using (var log = AgentDetailLog.Open(path, 10 * 1024 * 1024, 3))
        {
            log.WriteError("r", "get_customer", PublicErrors.QueryFailed, detail);
        }

        Assert.Equal(detail, Assert.Single(DetailLogReader.Records(path)).GetProperty("detail").GetString());
    }

    [Fact]
    public void Caller_mistakes_over_the_minute_budget_are_counted_not_written_and_summarised_later()
    {
        var path = _folder.File("onprest-agent.log");
        var clock = new Dispatch.ManualMonotonicClock();
        using (var log = AgentDetailLog.Open(path, 1024 * 1024, 1, clock))
        {
            Assert.Equal(1024 * 1024 / 10, log.MistakeBudgetPerMinute);
            Assert.True(log.WriteError("early", "get_customer", PublicErrors.QueryFailed, "SQLSTATE 08006: connection lost"));
            var written = 0;
            for (var i = 0; i < 2000; i++)
            {
                if (log.WriteError($"m{i}", "get_customer", PublicErrors.Validation("unknown param: " + new string('n', 63) + "…"), "params failed validation"))
                {
                    written++;
                }
            }

            Assert.InRange(written, 1, 1999);

            // Database failures are never held back by the budget.
            Assert.True(log.WriteError("late", "get_customer", PublicErrors.QueryFailed, "SQLSTATE 08006: connection lost"));

            clock.Advance(TimeSpan.FromMinutes(1));
            Assert.True(log.WriteError("next", "get_customer", PublicErrors.CapabilityNotDefined, "capability is not defined"));

            var records = DetailLogReader.Records(path);
            Assert.Equal("early", records[0].GetProperty("request_id").GetString());
            Assert.Equal(written, records.Count(r => r.TryGetProperty("error_code", out var code) && code.GetString() == "AGENT_VALIDATION_FAILED"));
            Assert.Contains(records, r => r.TryGetProperty("request_id", out var id) && id.GetString() == "late");
            var summary = Assert.Single(records, r => r.GetProperty("message").GetString() == AgentDetailLog.SuppressedMessage);
            Assert.StartsWith($"{2000 - written} records ", summary.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal("next", records[^1].GetProperty("request_id").GetString());
            Assert.False(File.Exists(path + ".1"));
        }
    }

    [Fact]
    public void A_summary_still_pending_is_written_when_the_log_closes()
    {
        var path = _folder.File("onprest-agent.log");
        var clock = new Dispatch.ManualMonotonicClock();
        using (var log = AgentDetailLog.Open(path, 100 * 1024, 1, clock))
        {
            for (var i = 0; i < 1000; i++)
            {
                log.WriteError($"m{i}", "", PublicErrors.CapabilityNotDefined, "capability is not defined");
            }
        }

        var last = DetailLogReader.Records(path)[^1];
        Assert.Equal(AgentDetailLog.SuppressedMessage, last.GetProperty("message").GetString());
        Assert.False(last.TryGetProperty("error_code", out _));
    }

    [Fact]
    public void Base_name_drops_exe_and_dll()
    {
        Assert.Equal("onprest-agent", LogPaths.BaseName("/opt/onprest/onprest-agent"));
        Assert.Equal("onprest-agent", LogPaths.BaseName(@"C:\onprest\onprest-agent.exe".Replace('\\', Path.DirectorySeparatorChar)));
        Assert.Equal("onprest-agent", LogPaths.BaseName("/opt/onprest/onprest-agent.dll"));
        // Through the .NET host the program is the entry assembly (onprest-agent.dll in production, the test host here).
        Assert.Equal(System.Reflection.Assembly.GetEntryAssembly()!.GetName().Name, LogPaths.BaseName("/usr/share/dotnet/dotnet"));
        Assert.Equal(Path.Combine("/var/lib/onprest", LogPaths.BaseName() + ".log"), LogPaths.RuntimeLog("/var/lib/onprest"));
    }

    private static void SkipOnWindows()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix permission bits do not apply on Windows (owner-only access lists are used there)");
        }
    }
}
