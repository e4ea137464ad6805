using System.Diagnostics;
using System.Globalization;
using Onprest.EndToEnd.Tests.Infrastructure;

namespace Onprest.EndToEnd.Tests.Shipping;

/// <summary>
/// The published agent installed as root into a root-owned folder and run by an ordinary account, as an operator
/// installs it: <c>validate</c> and start-up must work, keeping their private files where that account may write,
/// and a data directory it may not write is reported with the directory and the setting that changes it.
/// Needs root (to create a throwaway account with useradd and to switch to it with runuser).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class NonRootAgentTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("onprest-nonroot-").FullName;
    private string? _user;

    public void Dispose()
    {
        if (_user is not null)
        {
            Run("userdel", _user);
        }

        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Validate_as_an_ordinary_user_keeps_private_files_out_of_the_root_owned_install()
    {
        var setup = await SetUpAsync();
        var before = Directory.GetFileSystemEntries(setup.Bin).Order().ToArray();

        var (exit, stdout, stderr) = await RunAsUserAsync(setup, null, "validate", "--config", setup.Config);

        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Equal("validation succeeded: driver=sqlite capabilities=1\n", stdout);
        Assert.Equal(before, Directory.GetFileSystemEntries(setup.Bin).Order().ToArray());
        Assert.True(File.Exists(Path.Combine(setup.Home, ".local", "share", "onprest-agent", ".onprest-agent.validate.lock")));
    }

    [Fact]
    public async Task An_unwritable_data_directory_is_named_with_the_setting_that_changes_it()
    {
        var setup = await SetUpAsync();

        var (exit, stdout, stderr) = await RunAsUserAsync(setup, setup.Bin, "validate", "--config", setup.Config);

        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Equal(
            $"validate: validation failed, but diagnostic log could not be recorded; directory {setup.Bin} is not writable by this user; set AGENT_DATA_DIR or runtime.data_dir to a directory it may write\n",
            stderr);
    }

    [Fact]
    public async Task The_agent_starts_as_an_ordinary_user_with_its_log_in_the_chosen_directory()
    {
        var setup = await SetUpAsync();
        var data = Path.Combine(setup.Home, "data");

        using var process = StartAsUser(setup, data, "--config", setup.Config);
        try
        {
            var ready = false;
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (!ready && await process.StandardOutput.ReadLineAsync(limit.Token) is { } line)
            {
                ready = line.Contains("\"agent_ready\"", StringComparison.Ordinal);
            }

            if (!ready)
            {
                // Stderr ends only when the agent does: stop it before reading why it never got ready.
                process.Kill(entireProcessTree: true);
                Assert.Fail("no agent_ready event: " + await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken));
            }

            Assert.True(File.Exists(Path.Combine(data, "onprest-agent.log")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "onprest-agent.log")));
            Assert.DoesNotContain(Directory.GetFiles(setup.Bin), f => f.EndsWith(".log", StringComparison.Ordinal));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    private async Task<Setup> SetUpAsync()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            Assert.Skip("needs root on Linux to create a throwaway account (running as " + Environment.UserName + ")");
        }

        if (!File.Exists("/usr/sbin/useradd") || !File.Exists("/usr/sbin/runuser"))
        {
            Assert.Skip("useradd and runuser are needed to run the agent as another account");
        }

        _user = "onp" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(5));
        Assert.Equal(0, Run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", _user));

        // The install: a root-owned folder the account may only read and execute.
        File.SetUnixFileMode(_root, (UnixFileMode)0b111_101_101);
        var bin = Directory.CreateDirectory(Path.Combine(_root, "bin")).FullName;
        File.SetUnixFileMode(bin, (UnixFileMode)0b111_101_101);
        var agent = Path.Combine(bin, "onprest-agent");
        File.Copy(PublishedBinaries.Agent, agent);
        File.SetUnixFileMode(agent, (UnixFileMode)0b111_101_101);

        // The account's own folder: its home, the configuration (private to it) and the database.
        var home = Directory.CreateDirectory(Path.Combine(_root, "home")).FullName;
        var (privateKey, _) = await GatewayCli.CreateAgentSecretAsync();
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(home, "crm.db")};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "create table customers (id integer primary key, name text)";
            await command.ExecuteNonQueryAsync();
        }

        var config = Path.Combine(home, "capability.yaml");
        await File.WriteAllTextAsync(config, $"""
            gateway:
              url: ws://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}/ws/agent
              agent_private_key: {privateKey}
            database:
              driver: sqlite
              path: crm.db
            capabilities:
              get_customer:
                sql: select id, name from customers where id = :id
                params:
                  id: {"{type: integer, required: true}"}

            """);
        File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal(0, Run("chown", "-R", $"{_user}:{_user}", home));
        return new Setup(bin, agent, home, config);
    }

    private ProcessStartInfo UserProcess(Setup setup, string? dataDirectory, string[] arguments)
    {
        var info = new ProcessStartInfo("/usr/sbin/runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = setup.Home,
        };
        foreach (var argument in new[] { "-u", _user!, "--", "env", "-i", "HOME=" + setup.Home, "PATH=/usr/bin:/bin" })
        {
            info.ArgumentList.Add(argument);
        }

        if (dataDirectory is not null)
        {
            info.ArgumentList.Add("AGENT_DATA_DIR=" + dataDirectory);
        }

        info.ArgumentList.Add(setup.Agent);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsUserAsync(Setup setup, string? dataDirectory, params string[] arguments)
    {
        using var process = Process.Start(UserProcess(setup, dataDirectory, arguments))!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private Process StartAsUser(Setup setup, string? dataDirectory, params string[] arguments) =>
        Process.Start(UserProcess(setup, dataDirectory, arguments))!;

    private static int Run(string tool, params string[] arguments)
    {
        var info = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        process.WaitForExit();
        return process.ExitCode;
    }

    private sealed record Setup(string Bin, string Agent, string Home, string Config);
}
