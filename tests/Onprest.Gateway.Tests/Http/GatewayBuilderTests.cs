using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Onprest.Gateway.Http;

namespace Onprest.Gateway.Tests.Http;

/// <summary>
/// The gateway's builder reads configuration files once and never watches them: a watch on appsettings.json watches
/// the whole working directory tree, which from <c>/</c> meant every directory on the host before the gateway listened.
/// </summary>
public sealed class GatewayBuilderTests
{
    [Fact]
    public void No_configuration_file_is_watched()
    {
        var builder = GatewayServer.CreateGatewayBuilder([]);

        var files = ((IConfigurationBuilder)builder.Configuration).Sources.OfType<JsonConfigurationSource>().ToList();
        Assert.Contains(files, file => file.Path == "appsettings.json");
        Assert.All(files, file => Assert.False(file.ReloadOnChange, file.Path));
    }

    [Fact]
    public void An_operator_cannot_turn_watching_back_on_by_argument()
    {
        var builder = GatewayServer.CreateGatewayBuilder(["--hostBuilder:reloadConfigOnChange=true"]);

        Assert.All(((IConfigurationBuilder)builder.Configuration).Sources.OfType<JsonConfigurationSource>(), file => Assert.False(file.ReloadOnChange, file.Path));
    }

    [Fact]
    public void Arguments_still_reach_the_configuration()
    {
        var builder = GatewayServer.CreateGatewayBuilder(["--Some:Key=value"]);

        Assert.Equal("value", builder.Configuration["Some:Key"]);
    }
}
