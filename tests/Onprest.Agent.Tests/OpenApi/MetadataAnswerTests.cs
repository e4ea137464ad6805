using System.Text;
using System.Text.Json;
using Onprest.Agent.Capabilities;
using Onprest.Agent.OpenApi;
using Onprest.Agent.Sql;

namespace Onprest.Agent.Tests.OpenApi;

public sealed class MetadataAnswerTests
{
    [Fact]
    public void Wraps_the_document_and_lists_every_capability_kind()
    {
        var hidden = TestConfigurations.Mutation("purge", SqlOperation.Delete) with { Policy = new EffectivePolicy { ExposeInOpenApi = false, Readonly = false } };
        var config = TestConfigurations.With(
            TestConfigurations.Select("list"), hidden, TestConfigurations.Mutation("add", SqlOperation.Insert), TestConfigurations.Mutation("rename"));
        var bytes = MetadataAnswer.Build(config);
        var text = Encoding.UTF8.GetString(bytes);
        var document = Encoding.UTF8.GetString(OpenApiDocumentBuilder.Build(config));

        Assert.Equal(
            "{\"data\":" + document + ",\"response_kinds\":{\"add\":\"mutation\",\"list\":\"select\",\"purge\":\"mutation\",\"rename\":\"mutation\"}}",
            text);
        Assert.DoesNotContain("/api/v1/capabilities/purge", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_configuration_has_empty_kinds()
    {
        var text = Encoding.UTF8.GetString(MetadataAnswer.Build(TestConfigurations.With()));
        Assert.EndsWith("\"paths\":{}},\"response_kinds\":{}}", text, StringComparison.Ordinal);
        using var parsed = JsonDocument.Parse(text);
        Assert.Equal(JsonValueKind.Object, parsed.RootElement.GetProperty("data").ValueKind);
    }

    [Fact]
    public void Only_hidden_capabilities_give_empty_paths_but_full_kinds()
    {
        var hidden = TestConfigurations.Select("report") with { Policy = new EffectivePolicy { ExposeInOpenApi = false } };
        var text = Encoding.UTF8.GetString(MetadataAnswer.Build(TestConfigurations.With(hidden)));
        Assert.EndsWith("\"paths\":{}},\"response_kinds\":{\"report\":\"select\"}}", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SqlOperation.Select, "select")]
    [InlineData(SqlOperation.Insert, "mutation")]
    [InlineData(SqlOperation.Update, "mutation")]
    [InlineData(SqlOperation.Delete, "mutation")]
    public void Response_kind_follows_the_operation(SqlOperation operation, string kind) =>
        Assert.Equal(kind, MetadataAnswer.ResponseKind(TestConfigurations.Select("c") with { Operation = operation }));

    [Fact]
    public void Int64_values_survive_exactly()
    {
        var capability = TestConfigurations.Select("c",
            [new ParameterSpec { Name = "n", Type = ParamType.Integer, HasDefault = true, Default = 9223372036854775807L, Minimum = -9223372036854775808 }]);
        using var parsed = JsonDocument.Parse(MetadataAnswer.Build(TestConfigurations.With(capability)));
        var param = parsed.RootElement.GetProperty("data").GetProperty("paths").GetProperty("/api/v1/capabilities/c").GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema")
            .GetProperty("properties").GetProperty("n");
        Assert.Equal("9223372036854775807", param.GetProperty("default").GetRawText());
        Assert.Equal("-9223372036854775808", param.GetProperty("minimum").GetRawText());
    }
}
