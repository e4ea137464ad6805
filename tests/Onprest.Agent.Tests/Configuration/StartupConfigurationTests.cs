using Onprest.Agent.Configuration;
using static Onprest.Agent.Tests.Capabilities.CapabilityYaml;

namespace Onprest.Agent.Tests.Configuration;

/// <summary>docs/agent-databases.md step 1: one stderr line, public message only.</summary>
public sealed class StartupConfigurationTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "onprest-startup-" + Guid.NewGuid().ToString("N") + ".yaml");

    public void Dispose() => System.IO.File.Delete(_path);

    [Fact]
    public void Valid_file_returns_the_configuration_and_writes_nothing()
    {
        System.IO.File.WriteAllText(_path, File());
        var stderr = new StringWriter();
        var configuration = StartupConfiguration.Load(_path, stderr);
        Assert.NotNull(configuration);
        Assert.Equal(Path.GetDirectoryName(_path), configuration.ConfigurationFolder);
        Assert.Empty(stderr.ToString());
    }

    [Fact]
    public void Lint_failure_is_one_agent_init_line()
    {
        System.IO.File.WriteAllText(_path, File(extra: "logging: {max_size: 0}"));
        var stderr = new StringWriter();
        Assert.Null(StartupConfiguration.Load(_path, stderr));
        Assert.Matches(@"^agent init: logging\.max_size is invalid \(" + System.Text.RegularExpressions.Regex.Escape(_path) + @":\d+:\d+\)\n$", stderr.ToString());
    }

    [Fact]
    public void Decode_failure_is_the_fixed_message_with_field_fix_and_location()
    {
        System.IO.File.WriteAllText(_path, File(extra: "runtime: {max_concurrent_request: 4}"));
        var stderr = new StringWriter();
        Assert.Null(StartupConfiguration.Load(_path, stderr));
        var line = System.IO.File.ReadAllLines(_path).ToList().FindIndex(l => l.StartsWith("runtime:", StringComparison.Ordinal)) + 1;
        Assert.Equal(
            $"agent init: capability configuration is invalid: runtime.max_concurrent_request: field max_concurrent_request not found in runtime definition; did you mean max_concurrent_requests? ({_path}:{line}:11)\n",
            stderr.ToString());
    }

    [Fact]
    public void Unsafe_keys_appear_as_invalid_key()
    {
        System.IO.File.WriteAllText(_path, File("capabilities:\n  \"bad\\u0007name\": {sql: select 1}\n"));
        var stderr = new StringWriter();
        Assert.Null(StartupConfiguration.Load(_path, stderr));
        Assert.StartsWith("agent init: capabilities.<invalid-key> name is invalid (" + _path, stderr.ToString(), StringComparison.Ordinal);
    }
}
