using static Onprest.Agent.Tests.Capabilities.CapabilityYaml;

namespace Onprest.Agent.Tests.Capabilities.Loading;

/// <summary>Anchors, aliases and merge keys (docs/capability-yaml.md).</summary>
public sealed class MergeKeyTests
{
    private static Onprest.Agent.Capabilities.Capability Only(string yaml)
    {
        var result = Load(yaml);
        Assert.True(result.IsValid, result.Error?.Detail);
        return Assert.Single(result.Configuration.Capabilities);
    }

    private static string WithAnchors(string anchors, string capabilityBody) =>
        Gateway() + "\n" + Postgres + "\ndefaults: {readonly: true}\n" + anchors + "capabilities:\n  get_customer:\n" + Indent(capabilityBody, 4) + "\n";

    [Fact]
    public void Single_merge_supplies_keys_and_direct_keys_override()
    {
        var capability = Only(WithCapability(
            "sql: select 1 from t where id = :id\nparams:\n  base: &base {type: integer, minimum: 1, description: base}\n  id: {<<: *base, description: own}"));
        var id = capability.Parameters[1];
        Assert.Equal(Onprest.Agent.Capabilities.ParamType.Integer, id.Type);
        Assert.Equal(1L, id.Minimum);
        Assert.Equal("own", id.Description);
    }

    [Fact]
    public void Direct_key_written_before_the_merge_also_wins()
    {
        var capability = Only(WithCapability(
            "sql: select 1\nparams:\n  a: &a {type: string, description: merged}\n  b: {description: direct, <<: *a}"));
        Assert.Equal("direct", capability.Parameters[1].Description);
    }

    [Fact]
    public void Earlier_merge_sources_win_over_later_ones()
    {
        var capability = Only(WithCapability(
            "sql: select 1\nparams:\n  a: &a {type: string, description: first}\n  b: &b {type: integer, description: second, required: true}\n  c: {<<: [*a, *b]}"));
        var c = capability.Parameters[2];
        Assert.Equal(Onprest.Agent.Capabilities.ParamType.String, c.Type);
        Assert.Equal("first", c.Description);
        Assert.True(c.Required);
    }

    [Fact]
    public void Later_source_supplies_keys_the_earlier_lacks()
    {
        var message = LintMessage(WithCapability(
            "sql: select 1\nparams:\n  a: &a {type: string}\n  b: &b {type: integer, minimum: 3}\n  c: {<<: [*a, *b]}"));
        Assert.Equal("get_customer.params.c minimum/maximum are supported only for integer and number", message);
    }

    [Fact]
    public void Nested_merges_are_followed()
    {
        var capability = Only(WithCapability(
            "sql: select 1\nparams:\n  a: &a {type: integer, maximum: 9}\n  b: &b {<<: *a, minimum: 2}\n  c: {<<: *b}"));
        var c = capability.Parameters[2];
        Assert.Equal((2L, 9L), (c.Minimum!.Value, c.Maximum!.Value));
    }

    [Fact]
    public void Merged_keys_keep_the_position_of_the_merge_key()
    {
        var capability = Only(WithCapability(
            "sql: select 1\nparams:\n  <<: {m1: {type: string}, m2: {type: string}}\n  z: {type: string}\n  a: {type: string}"));
        Assert.Equal(["m1", "m2", "z", "a"], capability.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void Explicit_merge_tag_is_a_merge()
    {
        var capability = Only(WithCapability("sql: select 1\nparams:\n  a: &a {type: boolean}\n  b: {!!merge <<: *a}"));
        Assert.Equal(Onprest.Agent.Capabilities.ParamType.Boolean, capability.Parameters[1].Type);
    }

    [Fact]
    public void Presence_of_default_pattern_and_format_is_merge_aware()
    {
        Assert.Equal(
            "get_customer.params.b.default is invalid: must be integer",
            LintMessage(WithCapability("sql: select 1\nparams:\n  b: {<<: {default: ~}, type: integer}")));
        Assert.Equal(
            "get_customer.params.b string constraints are supported only for string",
            LintMessage(WithCapability("sql: select 1\nparams:\n  a: &a {type: string, pattern: ''}\n  b: {<<: *a, type: integer}")));
        Assert.Equal(
            "get_customer.params.b string constraints are supported only for string",
            LintMessage(WithCapability("sql: select 1\nparams:\n  a: &a {type: string, format: ''}\n  b: {<<: *a, type: number}")));
    }

    [Fact]
    public void Merges_work_in_every_section()
    {
        var yaml = WithAnchors(
            "x-policy: &policy {timeout: 2s, max_rows: 3}\n",
            "sql: select 1\npolicy: {<<: *policy, max_rows: 4}");
        Assert.Equal("field x-policy not found in configuration", DecodeDetail(yaml));

        var valid = WithCapability("sql: select 1\npolicy: &p {timeout: 2s, max_rows: 3}", extra: "");
        Assert.True(Load(valid).IsValid);

        var capabilityMerge = File(
            "capabilities:\n  a: &a {sql: select 1, description: shared}\n  b: {<<: *a, description: own}\n");
        var result = Load(capabilityMerge);
        Assert.True(result.IsValid, result.Error?.Detail);
        Assert.Equal(["shared", "own"], result.Configuration.Capabilities.Select(c => c.Description));
    }

    [Fact]
    public void Aliased_example_objects_are_allowed()
    {
        var capability = Only(WithCapability(
            "sql: select 1\nparams: {id: {type: integer}}\nexamples:\n  - &e {params: {id: 1}}\n  - *e"));
        Assert.Equal(2, capability.Examples!.Count);
        Assert.Equal(1L, capability.Examples[1]["id"]);
    }

    [Fact]
    public void Aliased_scalars_and_keys_resolve()
    {
        var capability = Only(WithCapability("sql: &q select 1\ndescription: *q\nparams:\n  &k id: {type: integer}\n  other: {type: integer, description: *k}"));
        Assert.Equal("select 1", capability.Description);
        Assert.Equal("id", capability.Parameters[1].Description);
    }

    [Fact]
    public void Redefined_anchor_names_the_latest_node()
    {
        var capability = Only(WithCapability("sql: select 1\nparams:\n  a: &x {type: string}\n  b: &x {type: integer}\n  c: *x"));
        Assert.Equal(Onprest.Agent.Capabilities.ParamType.Integer, capability.Parameters[2].Type);
    }

    [Fact]
    public void Self_merge_through_a_sequence_is_cyclic()
    {
        Assert.Equal(
            "parameter definition contains a cyclic YAML merge",
            DecodeDetail(WithCapability("sql: select 1\nparams:\n  p: &p\n    type: string\n    <<: [*p]")));
    }

    [Fact]
    public void Top_level_merge_supplies_sections()
    {
        var yaml = "<<: {runtime: {max_concurrent_requests: 3}}\n" + File();
        var result = Load(yaml);
        Assert.True(result.IsValid, result.Error?.Detail);
        Assert.Equal(3, result.Configuration.MaxConcurrentRequests);
    }

    [Fact]
    public void Rate_limit_merge_is_a_whole_object_inside_and_replaced_as_a_whole_outside()
    {
        var yaml = WithCapability(
            "sql: select 1\npolicy: {rate_limit: {<<: {requests: 5, per: 1s}, burst: 2}}",
            extra: "defaults: {rate_limit: {requests: 1, per: 1h, burst: 9}}");
        var result = Load(yaml);
        Assert.True(result.IsValid, result.Error?.Detail);
        Assert.Equal(new Onprest.Agent.Capabilities.RateLimitPolicy(5, 1_000_000_000, 2), result.Configuration.Capabilities[0].Policy.RateLimit);

        // No field-level merge with defaults: a capability rate_limit without burst fails even if defaults has one.
        Assert.Equal(
            "get_customer.policy.rate_limit: burst must be > 0",
            LintMessage(WithCapability("sql: select 1\npolicy: {rate_limit: {requests: 5, per: 1s}}", extra: "defaults: {rate_limit: {requests: 1, per: 1h, burst: 9}}")));
    }

    [Fact]
    public void Unknown_key_from_a_merged_capability_is_rejected()
    {
        Assert.Equal(
            "field sqlx not found in capability definition",
            DecodeDetail(File("capabilities:\n  a: &a {sql: select 1}\n  b: {<<: [*a, {sqlx: 1}]}\n")));
    }

    [Fact]
    public void Merged_capabilities_mapping_keeps_names()
    {
        var result = Load(File("capabilities:\n  <<: {b: {sql: select 2}}\n  a: {sql: select 1}\n"));
        Assert.True(result.IsValid, result.Error?.Detail);
        Assert.Equal(["a", "b"], result.Configuration.Capabilities.Select(c => c.Name));
    }
}
