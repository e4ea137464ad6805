using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Onprest.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real single-file executables, published once per test run with eng/publish.sh (the same command CI and the
/// Dockerfile use) into artifacts/e2e/&lt;rid&gt;. With <c>ONPREST_E2E_AOT=1</c> the gateway is the native AOT build
/// (<c>eng/publish.sh --aot</c>, into artifacts/e2e-aot/&lt;rid&gt;); CI runs the suite both ways.
/// <c>ONPREST_E2E_BIN</c> points at an existing folder instead.
/// </summary>
internal static class PublishedBinaries
{
    private static readonly Lazy<string> Folder = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Gateway => Path.Combine(Folder.Value, "onprest-gateway" + Suffix);

    public static string Agent => Path.Combine(Folder.Value, "onprest-agent" + Suffix);

    /// <summary>Whether this run's gateway is the native AOT build.</summary>
    public static bool NativeAotGateway => Environment.GetEnvironmentVariable("ONPREST_E2E_AOT") == "1";

    /// <summary>The folder the executables were published into.</summary>
    public static string PublishFolder => Folder.Value;

    private static string Suffix => OperatingSystem.IsWindows() ? ".exe" : "";

    public static string RuntimeIdentifier => RuntimeInformation.RuntimeIdentifier switch
    {
        var rid when rid.StartsWith("linux-arm64", StringComparison.Ordinal) => "linux-arm64",
        var rid when rid.StartsWith("linux", StringComparison.Ordinal) => "linux-x64",
        var rid when rid.StartsWith("osx", StringComparison.Ordinal) => "osx-arm64",
        _ => "win-x64",
    };

    private static string Publish()
    {
        var preset = Environment.GetEnvironmentVariable("ONPREST_E2E_BIN");
        if (!string.IsNullOrEmpty(preset))
        {
            return preset;
        }

        var output = RepositoryPaths.Combine("artifacts", NativeAotGateway ? "e2e-aot" : "e2e", RuntimeIdentifier);
        // A fresh folder, so that what is in it is what this publish produced.
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { RepositoryPaths.Combine("eng", "publish.sh"), "--rid", RuntimeIdentifier, "--out", output, "--version", "e2e" })
        {
            info.ArgumentList.Add(argument);
        }

        if (NativeAotGateway)
        {
            info.ArgumentList.Add("--aot");
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not run eng/publish.sh");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"eng/publish.sh failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        }

        return output;
    }
}
