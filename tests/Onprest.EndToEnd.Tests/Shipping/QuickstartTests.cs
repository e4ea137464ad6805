using System.Diagnostics;
using Onprest.EndToEnd.Tests.Infrastructure;

namespace Onprest.EndToEnd.Tests.Shipping;

/// <summary>The README's first command, run for real: it must bring the system up and its printed calls must return rows.</summary>
public sealed class QuickstartTests
{
    [Fact]
    public async Task The_quickstart_starts_everything_and_its_printed_calls_return_rows()
    {
        var work = Directory.CreateTempSubdirectory("onprest-quickstart-").FullName;
        var port = FreePort.Next();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var argument in new[] { "run", "--project", "tools/Onprest.Quickstart", "--", "--port", port.ToString(global::System.Globalization.CultureInfo.InvariantCulture), "--work", work, "--self-test" })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        await process.WaitForExitAsync(timeout.Token);

        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{output}\n{await stderr}");
        Assert.Contains("API key (development only, all capabilities):", output, StringComparison.Ordinal);
        Assert.Contains("self-test /api/v1/capabilities/get_customer: 200 {\"rows\":[{", output, StringComparison.Ordinal);
        Assert.Contains("curl -s -X POST http://127.0.0.1:", output, StringComparison.Ordinal);

        // Started as `dotnet onprest-agent.dll`, the agent still names its files after itself, in the work folder.
        Assert.True(File.Exists(Path.Combine(work, "onprest-agent.log")), "no onprest-agent.log in the work folder");
        Directory.Delete(work, recursive: true);
    }
}
