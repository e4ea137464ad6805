using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Onprest.AppHost;

/// <summary>
/// A private folder for one AppHost run (capability file with the agent key, SQLite database), so two runs on one
/// machine — a developer's and a test's — never share files. Removed when the AppHost stops.
/// </summary>
internal sealed class RunFolder : IHostedService
{
    private RunFolder(string path) => Path = path;

    public string Path { get; }

    public static RunFolder Create(IDistributedApplicationBuilder builder)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "onprest-apphost", Guid.NewGuid().ToString("n"));
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            // The folder holds the agent's private key: owner only.
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var folder = new RunFolder(path);
        builder.Services.AddHostedService(_ => folder);
        return folder;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere; the temp folder is cleaned by the system eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Task.CompletedTask;
    }
}
