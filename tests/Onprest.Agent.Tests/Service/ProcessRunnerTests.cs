using Onprest.Agent.Service;

namespace Onprest.Agent.Tests.Service;

/// <summary>The real tool runner: arguments without a shell, both streams, missing tools, timeouts.</summary>
public sealed class ProcessRunnerTests
{
    private static void SkipOnWindows() => Assert.SkipWhen(OperatingSystem.IsWindows(), "uses /bin/sh");

    [Fact]
    public async Task Captures_exit_code_and_both_streams()
    {
        SkipOnWindows();

        var result = await new ProcessRunner().RunAsync(
            "/bin/sh", ["-c", "echo out; echo err >&2; exit 3"], TestContext.Current.CancellationToken);

        Assert.Equal(new ProcessResult(3, "out\n", "err\n"), result);
        Assert.Equal("err out", result.Detail);
    }

    [Fact]
    public async Task Arguments_are_not_interpreted_by_a_shell()
    {
        SkipOnWindows();

        var result = await new ProcessRunner().RunAsync(
            "/bin/sh", ["-c", "printf '%s|' \"$@\"", "sh", "a b", "$HOME", "\"q\"", "; rm -rf x"], TestContext.Current.CancellationToken);

        Assert.Equal("a b|$HOME|\"q\"|; rm -rf x|", result.StandardOutput);
    }

    [Fact]
    public async Task Missing_tool_is_an_operational_failure()
    {
        var exception = await Assert.ThrowsAsync<ServiceManagerException>(() => new ProcessRunner().RunAsync(
            "onprest-no-such-tool-7c1d", [], TestContext.Current.CancellationToken));

        Assert.Equal("onprest-no-such-tool-7c1d is not available", exception.Message);
        Assert.Equal(ServiceFailure.Operational, exception.Failure);
    }

    [Fact]
    public async Task Tool_that_does_not_finish_is_stopped()
    {
        SkipOnWindows();

        var exception = await Assert.ThrowsAsync<ServiceManagerException>(() => new ProcessRunner(TimeSpan.FromMilliseconds(200)).RunAsync(
            "/bin/sh", ["-c", "sleep 30"], TestContext.Current.CancellationToken));

        Assert.Equal("/bin/sh -c sleep 30 did not finish within 0.2s", exception.Message);
    }

    [Theory]
    [InlineData(0, "", "", "exit code 0")]
    [InlineData(1060, "[SC] OpenService FAILED 1060:\r\n\r\nThe specified service does not exist as an installed service.\r\n\r\n", "", "[SC] OpenService FAILED 1060: The specified service does not exist as an installed service.")]
    [InlineData(1, "", "  Failed to connect to bus  \n\n", "Failed to connect to bus")]
    public void Detail_joins_the_tool_output(int exitCode, string stdout, string stderr, string expected)
    {
        Assert.Equal(expected, new ProcessResult(exitCode, stdout, stderr).Detail);
    }
}
