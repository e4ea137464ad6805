using Onprest.EndToEnd.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Onprest.EndToEnd.Tests.Shipping;

/// <summary>
/// No Docker engine runs here, so the Dockerfile and the compose file are checked as far as possible without one:
/// their shape, and that the image builds with the same publish script the tests run (docs/operations.md has the
/// manual check).
/// </summary>
public sealed class ContainerFilesTests
{
    private static readonly string Dockerfile = File.ReadAllText(RepositoryPaths.Combine("Dockerfile"));

    [Fact]
    public void The_dockerfile_selects_the_program_with_a_target_argument_defaulting_to_the_gateway()
    {
        Assert.StartsWith("ARG TARGET=gateway", Dockerfile.Split('\n').First(line => line.StartsWith("ARG ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("FROM ${TARGET} AS final", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("FROM runtime AS gateway", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("FROM runtime AS agent", Dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void The_image_is_built_with_the_same_publish_script_as_the_tested_binaries()
    {
        Assert.Contains("./eng/publish.sh --app \"$TARGET\"", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("eng", File.ReadAllText(RepositoryPaths.Combine("tests", "Onprest.EndToEnd.Tests", "Infrastructure", "PublishedBinaries.cs")), StringComparison.Ordinal);
        var script = File.ReadAllText(RepositoryPaths.Combine("eng", "publish.sh"));
        Assert.Contains("-p:PublishSingleFile=true", script, StringComparison.Ordinal);
        Assert.Contains("--self-contained true", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_runtime_image_is_non_root_with_the_fixed_entrypoint_and_a_gateway_health_check()
    {
        Assert.Contains("USER 1654", Dockerfile, StringComparison.Ordinal);
        Assert.DoesNotContain("USER root", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("ENTRYPOINT [\"/app/onprest\"]", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("HEALTHCHECK", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("CMD [\"/app/onprest\", \"healthcheck\"]", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("EXPOSE 8080", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("--chown=1654:1654 /app /app", Dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_runs_a_seeded_postgres_the_gateway_and_the_agent_from_the_one_dockerfile()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(RepositoryPaths.Combine("docker-compose.yml")))
        {
            yaml.Load(reader);
        }

        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
        var postgres = (YamlMappingNode)services["postgres"];
        var gateway = (YamlMappingNode)services["gateway"];
        var agent = (YamlMappingNode)services["agent"];

        Assert.Contains(((YamlSequenceNode)postgres["volumes"]).Children, v => v.ToString().StartsWith("./examples/seed/postgres.sql:/docker-entrypoint-initdb.d/", StringComparison.Ordinal));
        Assert.Equal("gateway", ((YamlMappingNode)((YamlMappingNode)gateway["build"])["args"])["TARGET"].ToString());
        Assert.Equal("./examples/gateway.env", gateway["env_file"].ToString());
        Assert.Equal(["8080:8080"], ((YamlSequenceNode)gateway["ports"]).Children.Select(p => p.ToString()));
        Assert.Equal("agent", ((YamlMappingNode)((YamlMappingNode)agent["build"])["args"])["TARGET"].ToString());
        Assert.Equal(["--config", "/config/capability.yaml"], ((YamlSequenceNode)agent["command"]).Children.Select(p => p.ToString()));
        Assert.Contains(((YamlSequenceNode)agent["volumes"]).Children, v => v.ToString().EndsWith(":/config/capability.yaml:ro", StringComparison.Ordinal));
        foreach (var file in new[] { "examples/gateway.env", "examples/seed/postgres.sql", "examples/capability.postgres.yaml" })
        {
            Assert.True(File.Exists(RepositoryPaths.Combine(file)), file);
        }
    }
}
