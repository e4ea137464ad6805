using System.Diagnostics;

namespace Onprest.AppHost.Tests.Infrastructure;

/// <summary>
/// The orchestrator (DCP) runs detached and watches this test process; after the app is disposed it normally exits
/// within seconds. Whatever still runs after the grace period is stopped here, so no <c>dcp</c> outlives the tests.
/// </summary>
internal static class LeftoverOrchestrator
{
    public static async Task StopAsync(TimeSpan grace)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var deadline = DateTime.UtcNow + grace;
        while (DateTime.UtcNow < deadline && Find().Count > 0)
        {
            await Task.Delay(250);
        }

        foreach (var pid in Find())
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                Console.Error.WriteLine($"Onprest.AppHost.Tests: stopping leftover orchestrator process {pid}");
                process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Exited in the meantime.
            }
        }
    }

    /// <summary><c>dcp</c> processes started for this process: their command line names it with <c>--monitor</c>.</summary>
    private static List<int> Find()
    {
        var marker = $"--monitor\0{Environment.ProcessId}\0";
        var found = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(folder, "cmdline"));
                if (commandLine.Contains("dcp", StringComparison.Ordinal) && (commandLine + "\0").Contains(marker, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }
}
