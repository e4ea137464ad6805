using System.ComponentModel;
using System.Diagnostics;

namespace Onprest.AppHost;

/// <summary>
/// Resolves <see cref="DatabaseMode.Auto"/>: PostgreSQL runs as a container only where the container runtime Aspire
/// would use answers <c>info</c> within a few seconds; otherwise the example database is SQLite. A client without an
/// engine (the docker CLI installed, no daemon) counts as absent — Aspire would keep such a container waiting forever.
/// </summary>
internal static class DatabaseChoice
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    public static async Task<DatabaseMode> ResolveAsync(DatabaseMode requested, bool isRunMode, TextWriter output)
    {
        if (requested != DatabaseMode.Auto)
        {
            await output.WriteLineAsync($"Onprest.AppHost: example database: {Describe(requested)} (chosen with --database)");
            return requested;
        }

        if (!isRunMode)
        {
            // Publishing describes the container deployment; there is nothing to probe.
            return DatabaseMode.Postgres;
        }

        var runtime = ContainerRuntimeName();
        var problem = await ProbeAsync(runtime);
        if (problem is null)
        {
            await output.WriteLineAsync($"Onprest.AppHost: example database: {Describe(DatabaseMode.Postgres)} ('{runtime} info' answered)");
            return DatabaseMode.Postgres;
        }

        await output.WriteLineAsync($"Onprest.AppHost: no healthy container runtime ({problem}); falling back to the example database in {Describe(DatabaseMode.Sqlite)}. Use --database postgres to insist on the container.");
        return DatabaseMode.Sqlite;
    }

    public static string Describe(DatabaseMode mode) => mode switch
    {
        DatabaseMode.Postgres => "PostgreSQL in a container",
        _ => "a SQLite file seeded for this run",
    };

    /// <summary>The runtime Aspire itself picks: <c>ASPIRE_CONTAINER_RUNTIME</c>, else docker.</summary>
    private static string ContainerRuntimeName()
    {
        var configured = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME")
            ?? Environment.GetEnvironmentVariable("DOTNET_ASPIRE_CONTAINER_RUNTIME");
        return string.IsNullOrWhiteSpace(configured) ? "docker" : configured.Trim().ToLowerInvariant();
    }

    /// <summary>Null when <c>{runtime} info</c> succeeds in time; otherwise why not.</summary>
    private static async Task<string?> ProbeAsync(string runtime)
    {
        var info = new ProcessStartInfo(runtime)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("info");
        info.ArgumentList.Add("--format");
        info.ArgumentList.Add("{{.ServerVersion}}");

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new Win32Exception();
        }
        catch (Win32Exception)
        {
            return $"'{runtime}' is not installed";
        }

        using (process)
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(ProbeTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return $"'{runtime} info' did not answer within {ProbeTimeout.TotalSeconds:0} s";
            }

            return process.ExitCode == 0 ? null : $"'{runtime} info' failed: the {runtime} engine is not running";
        }
    }
}
