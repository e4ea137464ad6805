using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Onprest.EndToEnd.Tests.Infrastructure;

namespace Onprest.EndToEnd.Tests.WholeSystem;

/// <summary>Processes dying and restarting under load; each test gets a fresh system (SQLite).</summary>
public sealed class FaultTests
{
    private static Task<OnprestSystem> StartAsync() => OnprestSystem.StartAsync(folder => new SqliteTarget(folder));

    [Fact]
    public async Task An_agent_killed_mid_request_releases_the_caller_with_503_at_once()
    {
        await using var system = await StartAsync();
        var call = system.CallJsonAsync("slow_count", "{}");
        await Task.Delay(1500, TestContext.Current.CancellationToken);

        var clock = Stopwatch.StartNew();
        await system.Agent.KillAsync();
        var (status, json) = await call;

        Assert.Equal(503, status);
        Assert.Equal("GATEWAY_AGENT_OFFLINE", json.GetProperty("error").GetProperty("code").GetString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"released after {clock.Elapsed}");
    }

    [Fact]
    public async Task A_mutation_interrupted_by_a_killed_agent_is_committed_or_rolled_back_never_half_done()
    {
        await using var system = await StartAsync();
        var update = system.CallJsonAsync("update_email", """{"id":1,"email":"moved@example.com"}""");
        await system.Agent.KillAsync();
        var (status, _) = await update;

        var email = await system.Database.ReadEmailAsync(1);
        Assert.Contains(email, new[] { "ada@example.com", "moved@example.com" });
        if (status == 200)
        {
            Assert.Equal("moved@example.com", email);
        }
    }

    [Fact]
    public async Task After_a_gateway_restart_the_agent_comes_back_by_itself()
    {
        await using var system = await StartAsync();

        await system.RestartGatewayAsync();
        await system.WaitForMetadataAsync(TimeSpan.FromSeconds(45));
        var (status, _) = await system.CallJsonAsync("get_customer", """{"id":1}""");

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task A_second_agent_is_refused_and_the_first_keeps_serving()
    {
        await using var system = await StartAsync();
        var secondFolder = Path.Combine(system.Folder, "second");
        Directory.CreateDirectory(secondFolder);
        var secondBinary = Path.Combine(secondFolder, Path.GetFileName(PublishedBinaries.Agent));
        File.Copy(Path.Combine(system.AgentFolder, Path.GetFileName(PublishedBinaries.Agent)), secondBinary);
        var config = Path.Combine(secondFolder, "capability.yaml");
        File.Copy(system.CapabilityFile, config);

        await using var second = ProcessHost.Start(secondBinary, ["--config", config], new Dictionary<string, string?>(), secondFolder);
        await system.Gateway.WaitForStdoutAsync(line => line.Contains("\"agent_rejected\"", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var (status, _) = await system.CallJsonAsync("get_customer", """{"id":1}""");

        Assert.Equal(200, status);
        var rejected = JsonDocument.Parse(system.Gateway.Stdout.First(l => l.Contains("\"agent_rejected\"", StringComparison.Ordinal))).RootElement;
        Assert.Equal("already_connected", rejected.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Sigterm_stops_the_agent_cleanly_and_the_gateway_reports_it_offline()
    {
        await using var system = await StartAsync();

        var exit = await system.Agent.StopAsync(TimeSpan.FromSeconds(15));
        using var health = await system.Http.GetAsync("/healthz", TestContext.Current.CancellationToken);
        var (status, json) = await system.CallJsonAsync("get_customer", """{"id":1}""");

        Assert.Equal(0, exit);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("""{"ok":true,"agent_connected":false}""", (await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).TrimEnd('\n'));
        Assert.Equal(503, status);
        Assert.Equal("agent is not connected", json.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Sigterm_stops_the_gateway_with_exit_code_0()
    {
        await using var system = await StartAsync();

        var exit = await system.Gateway.StopAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(0, exit);
    }
}
