using Onprest.Agent.Configuration;

namespace Onprest.Agent.Tests.Configuration;

/// <summary>docs/capability-yaml.md.</summary>
public sealed class CapabilityFileLocatorTests
{
    private static readonly string Work = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "work"));
    private static readonly string Exe = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "opt", "onprest"));

    [Fact]
    public void Config_flag_wins_over_everything()
    {
        Assert.Equal(Path.Combine(Work, "a.yaml"), CapabilityFileLocator.Resolve("a.yaml", "b.yaml", "c.yaml", Exe, Work));
    }

    [Fact]
    public void Capability_file_flag_wins_over_the_environment()
    {
        Assert.Equal(Path.Combine(Work, "b.yaml"), CapabilityFileLocator.Resolve(null, "b.yaml", "c.yaml", Exe, Work));
    }

    [Fact]
    public void Environment_variable_wins_over_the_executable_folder()
    {
        Assert.Equal(Path.Combine(Work, "conf", "c.yaml"), CapabilityFileLocator.Resolve(null, null, "conf/c.yaml", Exe, Work));
    }

    [Fact]
    public void Defaults_to_capability_yaml_beside_the_executable()
    {
        Assert.Equal(Path.Combine(Exe, "capability.yaml"), CapabilityFileLocator.Resolve(null, null, null, Exe, Work));
        Assert.Equal(Path.Combine(Exe, "capability.yaml"), CapabilityFileLocator.Resolve("", "", "", Exe + Path.DirectorySeparatorChar, Work));
    }

    [Fact]
    public void Falls_back_to_the_working_directory_without_an_executable_folder()
    {
        Assert.Equal(Path.Combine(Work, "capability.yaml"), CapabilityFileLocator.Resolve(null, null, null, null, Work));
        Assert.Equal(Path.Combine(Work, "capability.yaml"), CapabilityFileLocator.Resolve(null, null, null, "", Work));
    }

    [Fact]
    public void Absolute_paths_are_kept()
    {
        var absolute = Path.Combine(Exe, "x", "cap.yaml");
        Assert.Equal(absolute, CapabilityFileLocator.Resolve(absolute, null, null, null, Work));
    }

    [Fact]
    public void Executable_directory_is_the_app_base_directory()
    {
        Assert.Equal(AppContext.BaseDirectory, CapabilityFileLocator.ExecutableDirectory());
    }
}
