using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Onprest.EndToEnd.Tests.Infrastructure;

namespace Onprest.EndToEnd.Tests.Shipping;

/// <summary>
/// The quickstart as a process: argument errors, a busy port, and signals that must stop both programs it started.
/// It runs from its own build output (built once here) so the signal reaches the quickstart itself, not <c>dotnet run</c>.
/// </summary>
public sealed class QuickstartProcessTests : IDisposable
{
    private static readonly Lazy<string> Dll = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _work = Directory.CreateTempSubdirectory("onprest-quickstart-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Theory]
    [InlineData("--port", "99999")]
    [InlineData("--port", "http")]
    [InlineData("--port")]
    [InlineData("--bogus")]
    public async Task Argument_errors_print_usage_and_exit_2(params string[] arguments)
    {
        var (exit, stdout, stderr) = await RunAsync(arguments);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.StartsWith("quickstart: ", stderr, StringComparison.Ordinal);
        Assert.Contains("usage: dotnet run --project tools/Onprest.Quickstart", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_prints_usage()
    {
        var (exit, stdout, stderr) = await RunAsync("--help");

        Assert.Equal(0, exit);
        Assert.StartsWith("usage: dotnet run --project tools/Onprest.Quickstart", stdout, StringComparison.Ordinal);
        Assert.Empty(stderr);
    }

    [Fact]
    public async Task A_busy_port_is_named()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

        var (exit, _, stderr) = await RunAsync("--port", port, "--work", _work);

        Assert.Equal(1, exit);
        Assert.Equal($"quickstart: port {port} on 127.0.0.1 is already in use; stop what listens there or pass --port N\n", stderr.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_signal_stops_the_gateway_and_the_agent(string signal)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "child processes are found through /proc");
        // A runner started in the background by a non-interactive shell inherits SIGINT ignored, and so would the
        // quickstart (the runtime keeps an inherited "ignore" for SIGINT, as a shell's background job expects):
        // env restores the default, as an interactive terminal gives the programs it starts.
        var info = Info("--port", FreePort.Next().ToString(CultureInfo.InvariantCulture), "--work", _work);
        info.ArgumentList.Insert(0, info.FileName);
        info.ArgumentList.Insert(0, "--default-signal=INT");
        info.FileName = "env";
        using var quickstart = Process.Start(info)!;
        var stderr = quickstart.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            // The quickstart builds both programs first; on a busy shared machine that alone can take minutes.
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(8));
            var ready = false;
            while (!ready && await quickstart.StandardOutput.ReadLineAsync(limit.Token) is { } line)
            {
                ready = line.StartsWith("Press Ctrl-C", StringComparison.Ordinal);
            }

            Assert.True(ready, "the quickstart did not become ready: " + (quickstart.HasExited ? await stderr : ""));
            var children = ChildrenOf(quickstart.Id);
            Assert.Equal(2, children.Count);
            var output = quickstart.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);

            using (var kill = Process.Start("kill", ["-" + signal, quickstart.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            using var stopLimit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await quickstart.WaitForExitAsync(stopLimit.Token);
            }
            catch (OperationCanceledException)
            {
                // Say which process did not stop, and what the children printed last, before failing.
                var running = string.Join(", ", children.Where(IsRunning).Select(pid => pid.ToString(CultureInfo.InvariantCulture)));
                quickstart.Kill(entireProcessTree: true);
                var printed = (await output).Split('\n');
                Assert.Fail($"the quickstart did not stop within 60 s after SIG{signal}; children still running: [{running}]; last output:\n{string.Join('\n', printed.TakeLast(40))}");
            }

            Assert.Equal(0, quickstart.ExitCode);
            Assert.All(children, pid => Assert.False(IsRunning(pid), $"child {pid} still runs"));
        }
        finally
        {
            if (!quickstart.HasExited)
            {
                quickstart.Kill(entireProcessTree: true);
            }
        }
    }

    private static ProcessStartInfo Info(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        info.ArgumentList.Add(Dll.Value);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] arguments)
    {
        using var process = Process.Start(Info(arguments))!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        finally
        {
            // A quickstart that overran the limit must not outlive the test.
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    // The gateway and the agent: the quickstart's children whose command line names one of the two programs.
    private static List<int> ChildrenOf(int parent)
    {
        var children = new List<int>();
        foreach (var folder in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var commandLine = File.ReadAllText(Path.Combine(folder, "cmdline"));
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == parent
                    && (commandLine.Contains("onprest-gateway.dll", StringComparison.Ordinal) || commandLine.Contains("onprest-agent.dll", StringComparison.Ordinal)))
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while being read.
            }
        }

        return children;
    }

    // Gone, or a zombie waiting to be reaped by whoever inherited it: either way it no longer runs.
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string Build()
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        foreach (var argument in new[] { "build", "tools/Onprest.Quickstart", "-c", "Debug", "--nologo", "-v", "quiet" })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return process.ExitCode == 0
            ? RepositoryPaths.Combine("tools", "Onprest.Quickstart", "bin", "Debug", "net10.0", "Onprest.Quickstart.dll")
            : throw new InvalidOperationException($"building the quickstart failed:\n{output.Result}\n{error.Result}");
    }
}
