using Onprest.Agent.Logging;

namespace Onprest.Agent.Tests.Logging;

/// <summary>Which data directory the agent's private files go to, and what an unwritable one says.</summary>
public sealed class LogPathsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onprest-data-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_environment_variable_wins_over_the_configuration_field()
    {
        Assert.Equal(Path.Combine(_folder, "env"), LogPaths.DataDirectory("/var/lib/from-yaml", Path.Combine(_folder, "env"), _folder));
    }

    [Fact]
    public void The_configuration_field_wins_over_the_program_folder()
    {
        Assert.Equal("/var/lib/from-yaml", LogPaths.DataDirectory("/var/lib/from-yaml", "", _folder));
    }

    [Fact]
    public void A_writable_program_folder_is_the_default_and_the_probe_leaves_nothing()
    {
        Assert.Equal(_folder, LogPaths.DataDirectory(null, "", _folder));
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void A_program_folder_that_cannot_be_written_falls_back_to_the_accounts_local_data_folder()
    {
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        Assert.Equal(Path.Combine(local, "onprest-agent"), LogPaths.DataDirectory(null, "", Path.Combine(_folder, "missing")));
    }

    [Fact]
    public void A_missing_directory_is_created_private()
    {
        var data = Path.Combine(_folder, "a", "b");
        Assert.True(LogPaths.EnsureWritable(data));
        Assert.True(Directory.Exists(data));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
        }
    }

    [Fact]
    public void A_directory_that_cannot_be_created_is_not_writable_and_the_message_names_it_and_the_settings()
    {
        var file = Path.Combine(_folder, "file");
        File.WriteAllText(file, "");
        Assert.False(LogPaths.EnsureWritable(Path.Combine(file, "below")));
        Assert.Equal(
            "directory /opt/onprest is not writable by this user; set AGENT_DATA_DIR or runtime.data_dir to a directory it may write",
            LogPaths.Unwritable("/opt/onprest"));
    }
}
