using System.Diagnostics;

namespace Onprest.Quickstart;

/// <summary>Finds the repository and builds the two programs with the SDK that runs the quickstart.</summary>
internal sealed record RepositoryLayout(string Root)
{
    public string GatewayDll => Path.Combine(Root, "Onprest.Gateway", "bin", "Release", "net10.0", "onprest-gateway.dll");
    public string AgentDll => Path.Combine(Root, "Onprest.Agent", "bin", "Release", "net10.0", "onprest-agent.dll");
    public string Examples => Path.Combine(Root, "examples");

    public static RepositoryLayout Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Onprest.sln")))
                {
                    return new RepositoryLayout(dir.FullName);
                }
            }
        }

        throw new InvalidOperationException("run the quickstart from inside the Onprest repository");
    }

    public async Task BuildAsync(TextWriter console, CancellationToken cancellationToken)
    {
        foreach (var project in new[] { "Onprest.Gateway/Onprest.Gateway.csproj", "Onprest.Agent/Onprest.Agent.csproj" })
        {
            console.WriteLine($"building {project} ...");
            var info = new ProcessStartInfo("dotnet", ["build", Path.Combine(Root, project), "-c", "Release", "--nologo", "-v", "quiet"])
            {
                UseShellExecute = false,
            };
            using var build = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet build");
            try
            {
                await build.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Stopped while building: the build must not outlive the quickstart.
                build.Kill(entireProcessTree: true);
                throw;
            }

            if (build.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet build {project} failed");
            }
        }
    }
}
