using Onprest.Agent.Service;

namespace Onprest.Agent.Tests.Service;

/// <summary>What <c>install</c> registers (docs/cli.md).</summary>
public sealed class ServiceHostPathsTests
{
    [Fact]
    public void Current_process_paths_are_absolute()
    {
        var host = ServiceHostPaths.ForCurrentProcess();

        Assert.True(Path.IsPathFullyQualified(host.ExecutablePath));
        Assert.True(Path.IsPathFullyQualified(host.CurrentDirectory));
        Assert.NotEqual("dotnet", Path.GetFileNameWithoutExtension(host.ExecutablePath));
    }

    [Fact]
    public void Registration_runs_in_the_executable_directory()
    {
        var executable = Path.Combine(Path.GetTempPath(), "onprest", "onprest-agent");
        var host = new ServiceHostPaths(executable, Path.GetTempPath());

        var registration = host.Registration(null);

        Assert.Equal(executable, registration.ExecutablePath);
        Assert.Equal(Path.GetDirectoryName(executable), registration.WorkingDirectory);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(executable)!, "capability.yaml"), registration.ConfigPath);
    }

    [Theory]
    [InlineData("capability.yaml")]
    [InlineData("./conf/../capability.yaml")]
    public void Relative_config_is_resolved_against_the_current_directory(string config)
    {
        var current = Path.Combine(Path.GetTempPath(), "op");
        var host = new ServiceHostPaths(Path.Combine(Path.GetTempPath(), "bin", "onprest-agent"), current);

        Assert.Equal(Path.Combine(current, "capability.yaml"), host.Registration(config).ConfigPath);
    }
}
