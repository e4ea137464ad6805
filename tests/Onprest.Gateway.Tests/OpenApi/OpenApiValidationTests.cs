using System.Text;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Onprest.Gateway.OpenApi;
using Onprest.Gateway.Tests.Testing;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Tests.OpenApi;

/// <summary>The served document, whole and filtered, read by OpenAPI.NET (Microsoft.OpenApi) with its validation rules.</summary>
public sealed class OpenApiValidationTests
{
    [Theory]
    [InlineData(TestKeys.AllKey, new[] { "get_customer", "update_email" })]
    [InlineData(TestKeys.CustomerKey, new[] { "get_customer" })]
    [InlineData(TestKeys.NothingKey, new string[0])]
    public async Task The_served_document_is_valid_with_operation_ids_and_documented_errors(string key, string[] capabilities)
    {
        using var factory = new GatewayFactory();
        factory.Agent.Metadata = new AgentMetadata(
            new OpenApiFinalizer(factory.Options).Finalize(OpenApiDocuments.AgentBytes),
            new Dictionary<string, string> { ["get_customer"] = "select", ["update_email"] = "mutation" });
        var request = new HttpRequestMessage(HttpMethod.Get, "/openapi.json");
        request.Headers.TryAddWithoutValidation("X-API-Key", key);
        var response = await factory.Client().SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)response.StatusCode);
        var json = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        var (document, diagnostic) = OpenApiDocument.Parse(json, "json");
        Assert.NotNull(document);
        Assert.NotNull(diagnostic);
        Assert.Empty(diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet())?.Select(e => $"{e.Pointer}: {e.Message}") ?? []);

        var operations = document.Paths.Values.SelectMany(path => path.Operations ?? []).Select(pair => pair.Value).ToList();
        Assert.Equal(capabilities, operations.Select(o => o.OperationId).Order(StringComparer.Ordinal));
        foreach (var operation in operations)
        {
            foreach (var (status, _) in OpenApiFinalizer.ErrorResponses)
            {
                var answer = operation.Responses![status];
                var schema = answer.Content!["application/json"].Schema!;
                Assert.Equal("#/components/schemas/" + OpenApiFinalizer.ErrorSchemaName, Assert.IsType<OpenApiSchemaReference>(schema).Reference.ReferenceV3);
            }

            Assert.True(operation.Responses!.ContainsKey("200"));
        }

        var error = document.Components!.Schemas![OpenApiFinalizer.ErrorSchemaName];
        Assert.Equal(["error"], error.Required!);
        Assert.Equal(["code", "message"], error.Properties!["error"].Required!.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Operation_ids_come_from_the_capability_name_and_agent_responses_are_kept()
    {
        var finalized = Encoding.UTF8.GetString(new OpenApiFinalizer(TestKeys.Options()).Finalize(OpenApiDocuments.AgentBytes));
        Assert.Contains("\"operationId\":\"get_customer\"", finalized, StringComparison.Ordinal);
        Assert.Contains("\"200\":{\"description\":\"Capability result\"", finalized, StringComparison.Ordinal);
        Assert.Contains("\"413\":{\"description\":\"Request body too large\"", finalized, StringComparison.Ordinal);
    }
}
