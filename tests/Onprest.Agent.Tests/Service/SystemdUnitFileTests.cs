using Onprest.Agent.Service;

namespace Onprest.Agent.Tests.Service;

/// <summary>The unit file text of docs/cli.md.</summary>
public sealed class SystemdUnitFileTests
{
    [Fact]
    public void Unit_file_is_exactly_the_spec_text()
    {
        var text = SystemdUnitFile.Render(
            new ServiceRegistration("/opt/onprest/onprest-agent", "/etc/onprest/capability.yaml", "/opt/onprest"));

        Assert.Equal(
            """
            # OnprestConfig=/etc/onprest/capability.yaml
            # OnprestBinary=/opt/onprest/onprest-agent
            [Unit]
            Description=Onprest on-prem capability agent
            After=network-online.target
            Wants=network-online.target

            [Service]
            Type=simple
            WorkingDirectory=/opt/onprest
            ExecStart="/opt/onprest/onprest-agent" --config "/etc/onprest/capability.yaml"
            Restart=always
            RestartSec=5s

            [Install]
            WantedBy=multi-user.target

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Theory]
    [InlineData("/opt/my agent/onprest-agent", "ExecStart=\"/opt/my agent/onprest-agent\" --config \"/c/x.yaml\"")]
    [InlineData("/opt/100%/onprest-agent", "ExecStart=\"/opt/100%%/onprest-agent\" --config \"/c/x.yaml\"")]
    [InlineData("/opt/a\"b/onprest-agent", "ExecStart=\"/opt/a\\\"b/onprest-agent\" --config \"/c/x.yaml\"")]
    [InlineData("/opt/a\\b/onprest-agent", "ExecStart=\"/opt/a\\\\b/onprest-agent\" --config \"/c/x.yaml\"")]
    [InlineData("/opt/%n$x'y/onprest-agent", "ExecStart=\"/opt/%%n$$x'y/onprest-agent\" --config \"/c/x.yaml\"")]
    [InlineData("/opt/a${HOME}/onprest-agent", "ExecStart=\"/opt/a$${HOME}/onprest-agent\" --config \"/c/x.yaml\"")]
    [InlineData("/opt/`id`;$(id)/onprest-agent", "ExecStart=\"/opt/`id`;$$(id)/onprest-agent\" --config \"/c/x.yaml\"")]
    [InlineData("/opt/ünï😀/onprest-agent", "ExecStart=\"/opt/ünï😀/onprest-agent\" --config \"/c/x.yaml\"")]
    public void Quoted_values_escape_backslash_quote_and_percent(string executable, string expectedLine)
    {
        var text = SystemdUnitFile.Render(new ServiceRegistration(executable, "/c/x.yaml", "/opt"));

        Assert.Contains(expectedLine + "\n", text, StringComparison.Ordinal);
        Assert.StartsWith($"# OnprestConfig=/c/x.yaml\n# OnprestBinary={executable}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Very_long_and_unicode_paths_are_written_unchanged()
    {
        var directory = "/opt/" + string.Concat(Enumerable.Repeat("ディレクトリ-😀/", 400));
        var registration = new ServiceRegistration(directory + "onprest-agent", directory + "capability.yaml", directory.TrimEnd('/'));

        var text = SystemdUnitFile.Render(registration);

        Assert.Contains($"ExecStart=\"{registration.ExecutablePath}\" --config \"{registration.ConfigPath}\"\n", text, StringComparison.Ordinal);
        Assert.Equal((registration.ConfigPath, registration.ExecutablePath), SystemdUnitFile.ReadComments(text));
    }

    [Fact]
    public void Percent_in_the_working_directory_is_doubled()
    {
        var text = SystemdUnitFile.Render(new ServiceRegistration("/opt/100%/a", "/c.yaml", "/opt/100%"));

        Assert.Contains("WorkingDirectory=/opt/100%%\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/opt/a\nb/onprest-agent", "/c.yaml")]
    [InlineData("/opt/a\rb/onprest-agent", "/c.yaml")]
    [InlineData("/opt/onprest-agent", "/c\n[Service]\nExecStartPre=/bin/sh.yaml")]
    [InlineData("/opt/onprest-agent", "/c\u0000.yaml")]
    [InlineData("/opt/onprest-agent", "/c\u007F.yaml")]
    public void Paths_with_line_breaks_are_refused(string executable, string config)
    {
        var exception = Assert.Throws<ServiceManagerException>(
            () => SystemdUnitFile.Render(new ServiceRegistration(executable, config, "/opt")));

        Assert.Equal("paths containing line breaks or other control characters cannot be registered", exception.Message);
    }

    [Theory]
    [InlineData("/etc/o/capability.yaml", "/opt/o/onprest-agent")]
    [InlineData("/etc/with space/100%/c\"q.yaml", "/opt/a\\b/onprest-agent")]
    public void Comment_lines_read_back_the_raw_paths(string config, string executable)
    {
        var text = SystemdUnitFile.Render(new ServiceRegistration(executable, config, "/opt"));

        Assert.Equal((config, executable), SystemdUnitFile.ReadComments(text));
    }

    [Theory]
    [InlineData("", null, null)]
    [InlineData("[Unit]\nDescription=x\n", null, null)]
    [InlineData("# OnprestConfig=/a\r\n# OnprestBinary=/b\r\n", "/a", "/b")]
    [InlineData("# OnprestBinary=/b\n", null, "/b")]
    [InlineData("# OnprestConfig=/a\n# OnprestConfig=/z\n", "/a", null)]
    public void Comment_lines_of_edited_unit_files(string text, string? config, string? executable)
    {
        Assert.Equal((config, executable), SystemdUnitFile.ReadComments(text));
    }

    [Fact]
    public void A_unit_with_a_user_runs_as_that_account_with_a_private_state_directory()
    {
        var text = SystemdUnitFile.Render(new ServiceRegistration("/opt/onprest/onprest-agent", "/etc/onprest/capability.yaml", "/opt/onprest") { User = "onprest-agent" });

        Assert.Contains("Type=simple\nUser=onprest-agent\nGroup=onprest-agent\nStateDirectory=onprest-agent\nStateDirectoryMode=0700\nEnvironment=DOTNET_BUNDLE_EXTRACT_BASE_DIR=%S/onprest-agent\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("User=", SystemdUnitFile.Render(new ServiceRegistration("/opt/onprest/onprest-agent", "/etc/onprest/capability.yaml", "/opt/onprest")), StringComparison.Ordinal);
    }
}
