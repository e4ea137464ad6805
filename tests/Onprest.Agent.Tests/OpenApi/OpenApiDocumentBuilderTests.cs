using System.Text;
using System.Text.Json;
using Onprest.Agent.Capabilities;
using Onprest.Agent.OpenApi;
using Onprest.Agent.Sql;

namespace Onprest.Agent.Tests.OpenApi;

public sealed class OpenApiDocumentBuilderTests
{
    private static string BuildText(AgentConfiguration config) => Encoding.UTF8.GetString(OpenApiDocumentBuilder.Build(config));

    private static JsonElement BuildDocument(AgentConfiguration config)
    {
        using var document = JsonDocument.Parse(OpenApiDocumentBuilder.Build(config));
        return document.RootElement.Clone();
    }

    private static JsonElement Operation(JsonElement document, string name) =>
        document.GetProperty("paths").GetProperty("/api/v1/capabilities/" + name).GetProperty("post");

    [Fact]
    public void Empty_configuration_gives_the_bare_document()
    {
        Assert.Equal(
            """{"openapi":"3.1.0","info":{"title":"Customer API","version":"1.2.3","description":"Reviewed customer operations"},"paths":{}}""",
            BuildText(TestConfigurations.With()));
    }

    [Fact]
    public void Info_description_is_present_even_when_empty()
    {
        var config = TestConfigurations.With() with { Service = new ServiceInfo("T", "v", "") };
        Assert.Equal("""{"openapi":"3.1.0","info":{"title":"T","version":"v","description":""},"paths":{}}""", BuildText(config));
    }

    [Fact]
    public void Select_capability_document_is_exact()
    {
        var capability = TestConfigurations.Select(
            "get_customer",
            [
                new ParameterSpec { Name = "customer_id", Type = ParamType.Integer, Required = true, Minimum = 1, Maximum = 9223372036854775807, Description = "Customer id" },
                new ParameterSpec { Name = "status", Type = ParamType.String, HasDefault = true, Default = "open", Enum = ["open", "closed"] },
            ],
            [
                new ResultColumn("name", ParamType.String, "Display name"),
                new ResultColumn("id", ParamType.Integer, ""),
                new ResultColumn("score", ParamType.Number, ""),
                new ResultColumn("active", ParamType.Boolean, ""),
            ]) with
        {
            Description = "Fetch one customer",
        };

        var expected =
            """{"openapi":"3.1.0","info":{"title":"Customer API","version":"1.2.3","description":"Reviewed customer operations"},"paths":{"/api/v1/capabilities/get_customer":{"post":{"summary":"get_customer","description":"Fetch one customer","x-onprest-capability":"get_customer","""
            + "\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\",\"properties\":{\"customer_id\":{\"type\":\"integer\",\"format\":\"int64\",\"minimum\":1,\"maximum\":9223372036854775807,\"description\":\"Customer id\"},\"status\":{\"type\":\"string\",\"default\":\"open\",\"enum\":[\"open\",\"closed\"]}},\"additionalProperties\":false,\"required\":[\"customer_id\"]}}}},"
            + "\"responses\":{\"200\":{\"description\":\"Capability result\",\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\",\"properties\":{\"rows\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"active\":{\"type\":[\"boolean\",\"null\"]},\"id\":{\"type\":[\"integer\",\"null\"],\"format\":\"int64\"},\"name\":{\"type\":[\"string\",\"null\"],\"description\":\"Display name\"},\"score\":{\"type\":[\"number\",\"null\"]}},\"additionalProperties\":false,\"required\":[\"active\",\"id\",\"name\",\"score\"]}},\"count\":{\"type\":\"integer\",\"format\":\"int64\",\"minimum\":0}},\"required\":[\"rows\",\"count\"],\"additionalProperties\":false}}}}}}}}}";
        Assert.Equal(expected, BuildText(TestConfigurations.With(capability)));
    }

    [Fact]
    public void Dml_capability_response_is_a_count()
    {
        var document = BuildText(TestConfigurations.With(TestConfigurations.Mutation("rename_customer")));
        Assert.Contains(
            "\"responses\":{\"200\":{\"description\":\"Capability result\",\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\",\"properties\":{\"count\":{\"type\":\"integer\",\"format\":\"int64\",\"minimum\":0}},\"required\":[\"count\"],\"additionalProperties\":false}}}}}",
            document, StringComparison.Ordinal);
        Assert.Contains("\"description\":\"\",\"x-onprest-capability\":\"rename_customer\"", document, StringComparison.Ordinal);
        Assert.Contains("\"required\":[\"name\"]", document, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SqlOperation.Insert)]
    [InlineData(SqlOperation.Update)]
    [InlineData(SqlOperation.Delete)]
    public void Every_dml_operation_has_no_rows(SqlOperation operation)
    {
        var schema = Operation(BuildDocument(TestConfigurations.With(TestConfigurations.Mutation("m", operation))), "m")
            .GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.False(schema.GetProperty("properties").TryGetProperty("rows", out _));
    }

    [Fact]
    public void Select_without_result_has_closed_empty_items()
    {
        var document = BuildText(TestConfigurations.With(TestConfigurations.Select("list")));
        Assert.Contains("\"rows\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"additionalProperties\":false}}", document, StringComparison.Ordinal);
        Assert.Equal(
            BuildText(TestConfigurations.With(TestConfigurations.Select("list", result: []))),
            document);
    }

    [Fact]
    public void Paths_are_in_ascending_ordinal_name_order_whatever_the_input_order()
    {
        var document = BuildDocument(TestConfigurations.With(
            TestConfigurations.Select("b"), TestConfigurations.Select("a_x"), TestConfigurations.Select("B"), TestConfigurations.Select("a")));
        var names = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["/api/v1/capabilities/B", "/api/v1/capabilities/a", "/api/v1/capabilities/a_x", "/api/v1/capabilities/b"], names);
    }

    [Fact]
    public void Hidden_capabilities_leave_no_trace()
    {
        var hidden = TestConfigurations.Select("secret_report") with
        {
            Description = "HIDDEN-DESCRIPTION",
            Policy = new EffectivePolicy { ExposeInOpenApi = false },
            Annotations = new CapabilityAnnotations { ReadOnly = true },
            Examples = [new Dictionary<string, object?> { ["hidden_example"] = "HIDDEN-EXAMPLE" }],
        };
        var text = BuildText(TestConfigurations.With(hidden, TestConfigurations.Select("visible")));
        Assert.DoesNotContain("secret_report", text, StringComparison.Ordinal);
        Assert.DoesNotContain("HIDDEN", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden_example", text, StringComparison.Ordinal);
        Assert.Contains("/api/v1/capabilities/visible", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Required_lists_only_required_params_without_default_sorted()
    {
        var capability = TestConfigurations.Select("c",
        [
            new ParameterSpec { Name = "zeta", Type = ParamType.String, Required = true },
            new ParameterSpec { Name = "Alpha", Type = ParamType.String, Required = true },
            new ParameterSpec { Name = "alpha", Type = ParamType.String, Required = true },
            new ParameterSpec { Name = "with_default", Type = ParamType.String, Required = true, HasDefault = true, Default = "x" },
            new ParameterSpec { Name = "optional", Type = ParamType.String },
        ]);
        var schema = RequestSchema(capability);
        Assert.Equal(["Alpha", "alpha", "zeta"], schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(["zeta", "Alpha", "alpha", "with_default", "optional"], schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public void Request_without_params_has_empty_properties_and_no_required()
    {
        var text = BuildText(TestConfigurations.With(TestConfigurations.Select("c")));
        Assert.Contains("\"schema\":{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Param_schemas_carry_every_member_when_set()
    {
        var capability = TestConfigurations.Select("c",
        [
            TestConfigurations.Pattern(new ParameterSpec
            {
                Name = "email",
                Type = ParamType.String,
                MinLength = 3,
                MaxLength = 254,
                Format = StringFormat.Email,
                Description = "Contact",
            }, "^[^<>]+@example\\.com$"),
            new ParameterSpec { Name = "day", Type = ParamType.String, Format = StringFormat.Date },
            new ParameterSpec { Name = "at", Type = ParamType.String, Format = StringFormat.DateTime },
            new ParameterSpec { Name = "id", Type = ParamType.String, Format = StringFormat.Uuid },
            new ParameterSpec { Name = "link", Type = ParamType.String, Format = StringFormat.Uri },
            new ParameterSpec { Name = "plain", Type = ParamType.String, PatternText = "", Enum = [] },
            new ParameterSpec { Name = "ratio", Type = ParamType.Number, Minimum = -5, Maximum = 5, HasDefault = true, Default = 0.5, Enum = [0.5, 1.0, 1e21] },
            new ParameterSpec { Name = "big", Type = ParamType.Integer, HasDefault = true, Default = 9007199254740993L, Enum = [9007199254740993L, long.MinValue] },
            new ParameterSpec { Name = "flag", Type = ParamType.Boolean, HasDefault = true, Default = false, Enum = [false] },
        ]);
        var text = BuildText(TestConfigurations.With(capability));
        Assert.Contains("\"email\":{\"type\":\"string\",\"format\":\"email\",\"minLength\":3,\"maxLength\":254,\"pattern\":\"^[^<>]+@example\\\\.com$\",\"description\":\"Contact\"}", text, StringComparison.Ordinal);
        Assert.Contains("\"day\":{\"type\":\"string\",\"format\":\"date\"}", text, StringComparison.Ordinal);
        Assert.Contains("\"at\":{\"type\":\"string\",\"format\":\"date-time\"}", text, StringComparison.Ordinal);
        Assert.Contains("\"id\":{\"type\":\"string\",\"format\":\"uuid\"}", text, StringComparison.Ordinal);
        Assert.Contains("\"link\":{\"type\":\"string\",\"format\":\"uri\"}", text, StringComparison.Ordinal);
        Assert.Contains("\"plain\":{\"type\":\"string\"}", text, StringComparison.Ordinal);
        Assert.Contains("\"ratio\":{\"type\":\"number\",\"default\":0.5,\"enum\":[0.5,1,1E+21],\"minimum\":-5,\"maximum\":5}", text, StringComparison.Ordinal);
        Assert.Contains("\"big\":{\"type\":\"integer\",\"format\":\"int64\",\"default\":9007199254740993,\"enum\":[9007199254740993,-9223372036854775808]}", text, StringComparison.Ordinal);
        Assert.Contains("\"flag\":{\"type\":\"boolean\",\"default\":false,\"enum\":[false]}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Annotations_publish_exactly_the_written_keys()
    {
        string Annotations(CapabilityAnnotations? annotations)
        {
            var text = BuildText(TestConfigurations.With(TestConfigurations.Select("c") with { Annotations = annotations }));
            var start = text.IndexOf("\"x-onprest-annotations\"", StringComparison.Ordinal);
            return start < 0 ? "" : text[start..text.IndexOf('}', start)] + "}";
        }

        Assert.Equal("", Annotations(null));
        Assert.Equal("\"x-onprest-annotations\":{}", Annotations(new CapabilityAnnotations()));
        Assert.Equal("\"x-onprest-annotations\":{\"destructive\":false}", Annotations(new CapabilityAnnotations { Destructive = false }));
        Assert.Equal(
            "\"x-onprest-annotations\":{\"read_only\":true,\"destructive\":false,\"idempotent\":true,\"open_world\":false}",
            Annotations(new CapabilityAnnotations { ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false }));
    }

    [Fact]
    public void Examples_are_published_in_list_order_with_exact_values()
    {
        var capability = TestConfigurations.Select("c") with
        {
            Examples =
            [
                new Dictionary<string, object?> { ["z"] = 9223372036854775807L, ["a"] = "日本", ["m"] = 1.5, ["b"] = true },
                new Dictionary<string, object?>(),
            ],
        };
        var text = BuildText(TestConfigurations.With(capability));
        Assert.Contains(
            "\"x-onprest-examples\":[{\"params\":{\"a\":\"日本\",\"b\":true,\"m\":1.5,\"z\":9223372036854775807}},{\"params\":{}}]",
            text, StringComparison.Ordinal);
        Assert.DoesNotContain("x-onprest-examples", BuildText(TestConfigurations.With(TestConfigurations.Select("c"))), StringComparison.Ordinal);
        Assert.Contains("\"x-onprest-examples\":[]", BuildText(TestConfigurations.With(TestConfigurations.Select("c") with { Examples = [] })), StringComparison.Ordinal);
    }

    [Fact]
    public void Annotations_come_before_examples_after_responses()
    {
        var capability = TestConfigurations.Select("c") with
        {
            Annotations = new CapabilityAnnotations { ReadOnly = true },
            Examples = [new Dictionary<string, object?>()],
        };
        var names = Operation(BuildDocument(TestConfigurations.With(capability)), "c").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["summary", "description", "x-onprest-capability", "requestBody", "responses", "x-onprest-annotations", "x-onprest-examples"], names);
    }

    [Fact]
    public void Document_never_contains_sql_or_connection_details()
    {
        var capability = TestConfigurations.Select("c",
            [new ParameterSpec { Name = "id", Type = ParamType.Integer, Required = true }],
            [new ResultColumn("id", ParamType.Integer, "")]);
        var config = TestConfigurations.With(capability, TestConfigurations.Mutation("m"));
        foreach (var bytes in new[] { OpenApiDocumentBuilder.Build(config), MetadataAnswer.Build(config) })
        {
            var text = Encoding.UTF8.GetString(bytes);
            foreach (var secret in new[]
            {
                TestConfigurations.SecretHost, TestConfigurations.SecretPassword, TestConfigurations.SecretUser,
                TestConfigurations.SecretDatabase, "hidden_customers_table", "SELECT", "UPDATE", "$1", "6543",
                "postgres", "Postgres", "secret-folder", "wss://", "servers", "security", "components",
            })
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Document_is_valid_compact_utf8_json_and_deterministic()
    {
        var capability = TestConfigurations.Select("ünïcode.cap-1", [new ParameterSpec { Name = "p", Type = ParamType.String, Description = "Beschreibung 😀 <b>&'\"\u0001" }]) with
        {
            Description = "Línea\nzwei\t\"quoted\"",
        };
        var config = TestConfigurations.With(capability);
        var first = OpenApiDocumentBuilder.Build(config);
        Assert.Equal(first, OpenApiDocumentBuilder.Build(config));
        var text = Encoding.UTF8.GetString(first);
        Assert.DoesNotContain("\n", text, StringComparison.Ordinal);
        Assert.Contains("/api/v1/capabilities/ünïcode.cap-1", text, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(first);
        Assert.Equal("Beschreibung 😀 <b>&'\"\u0001", Operation(document.RootElement, "ünïcode.cap-1")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema")
            .GetProperty("properties").GetProperty("p").GetProperty("description").GetString());
        Assert.Equal("Línea\nzwei\t\"quoted\"", Operation(document.RootElement, "ünïcode.cap-1").GetProperty("description").GetString());
    }

    [Fact]
    public void Lone_surrogates_in_descriptions_still_give_valid_json()
    {
        var capability = TestConfigurations.Select("c", [new ParameterSpec { Name = "p", Type = ParamType.String, Description = "a\ud800b" }]) with
        {
            Description = "x\udc00",
        };
        var bytes = OpenApiDocumentBuilder.Build(TestConfigurations.With(capability));
        using var document = JsonDocument.Parse(bytes);
        Assert.Equal("x\uFFFD", Operation(document.RootElement, "c").GetProperty("description").GetString());
    }

    [Fact]
    public void Many_capabilities_build()
    {
        var capabilities = Enumerable.Range(0, 1000).Select(i => TestConfigurations.Select($"cap{i:D4}")).Reverse().ToArray();
        var document = BuildDocument(TestConfigurations.With(capabilities));
        var names = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(1000, names.Length);
        Assert.Equal("/api/v1/capabilities/cap0000", names[0]);
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public void Unsupported_example_value_types_are_refused()
    {
        var capability = TestConfigurations.Select("c") with { Examples = [new Dictionary<string, object?> { ["x"] = new object() }] };
        Assert.Throws<ArgumentException>(() => OpenApiDocumentBuilder.Build(TestConfigurations.With(capability)));
        var nonFinite = TestConfigurations.Select("c") with { Examples = [new Dictionary<string, object?> { ["x"] = double.NaN }] };
        Assert.Throws<ArgumentException>(() => OpenApiDocumentBuilder.Build(TestConfigurations.With(nonFinite)));
    }

    private static JsonElement RequestSchema(Capability capability) =>
        Operation(BuildDocument(TestConfigurations.With(capability)), capability.Name)
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
}
