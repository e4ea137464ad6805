using static Onprest.Agent.Tests.Capabilities.CapabilityYaml;

namespace Onprest.Agent.Tests.Capabilities.Loading;

/// <summary>
/// Decode-time errors (docs/capability-yaml.md): public message always
/// <c>capability configuration is invalid</c>, internal detail <c>parse capability.yaml: …</c>.
/// </summary>
public sealed class DecodeErrorTests
{
    private static string Cap(string body) => WithCapability(body);

    private static string Param(string definition) => Cap("sql: select 1\nparams:\n  p: " + definition);

    /// <summary>Details the spec writes out exactly.</summary>
    public static TheoryData<string, string> ExactDetails() => new()
    {
        //
        { "a: 1\n---\nb: 2\n", "multiple YAML documents are not allowed" },
        { File() + "---\n", "multiple YAML documents are not allowed" },
        // strict keys, every context
        { File(extra: "runtime: {max_concurrent_request: 4}"), "field max_concurrent_request not found in runtime definition" },
        { File(extra: "unknown: 1"), "field unknown not found in configuration" },
        { File(extra: "service: {name: x}"), "field name not found in service definition" },
        { File(gateway: Gateway() + "\n  token: x"), "field token not found in gateway definition" },
        { File(database: Postgres + "\n  sslmode: x"), "field sslmode not found in database definition" },
        { File(database: Postgres + "\n  tls: {mode: require, ca: x}"), "field ca not found in database tls definition" },
        { File(extra: "logging: {level: debug}"), "field level not found in logging definition" },
        { File(extra: "defaults: {retries: 1}"), "field retries not found in policy definition" },
        { Cap("sql: select 1\npolicy: {max_row: 1}"), "field max_row not found in policy definition" },
        { Cap("sql: select 1\npolicy: {rate_limit: {requests: 1, per: 1s, burst: 1, window: 1s}}"), "field window not found in rate_limit definition" },
        { Cap("sql: select 1\nquery: x"), "field query not found in capability definition" },
        { Param("{type: string, min_length: 1}"), "field min_length not found in parameter definition" },
        { Cap("sql: select 1\nresult: {id: {type: integer, nullable: true}}"), "field nullable not found in result column definition" },
        { Cap("sql: select 1\nannotations: {readOnly: true}"), "field readOnly not found in capability annotations" },
        { Cap("sql: select 1\nexamples: [{params: {}, result: {}}]"), "field result not found in capability example definition" },
        { File(extra: "'bad key': 1"), "field <invalid-key> not found in configuration" },
        { File(extra: "\"tab\\tkey\": 1"), "field <invalid-key> not found in configuration" },
        // quoted "<<" is an ordinary (unknown) key
        { Param("{\"<<\": {type: string}}"), "field <invalid-key> not found in parameter definition" },
        { Param("{'<<': {type: string}}"), "field <invalid-key> not found in parameter definition" },
        { Param("{!!str <<: {type: string}}"), "field <invalid-key> not found in parameter definition" },
        // unknown keys arriving through a merge
        { "x: &x {type: string, bogus: 1}\n" + Param("{<<: *x}"), "field x not found in configuration" },
        { File(extra: "defaults: {<<: {timeout: 1s, nope: 1}}"), "field nope not found in policy definition" },
        // cyclic merges
        { Cap("sql: select 1\nparams:\n  p: &p {type: string, <<: *p}"), "parameter definition contains a cyclic YAML merge" },
        { Cap("sql: select 1\nparams:\n  p: &p {type: string, <<: [{description: x}, *p]}"), "parameter definition contains a cyclic YAML merge" },
        { File(extra: "defaults: &d {x: &e {<<: *d}, <<: *e}"), "policy definition contains a cyclic YAML merge" },
        // max_affected_rows
        { Cap("sql: update t set v=1\npolicy: {readonly: false, max_affected_rows: 1.5}"), "max_affected_rows must be an integer" },
        { Cap("sql: update t set v=1\npolicy: {readonly: false, max_affected_rows: '1'}"), "max_affected_rows must be an integer" },
        { Cap("sql: update t set v=1\npolicy: {readonly: false, max_affected_rows: true}"), "max_affected_rows must be an integer" },
        { Cap("sql: update t set v=1\npolicy: {readonly: false, max_affected_rows: 1e3}"), "max_affected_rows must be an integer" },
        { Cap("sql: update t set v=1\npolicy: {readonly: false, max_affected_rows: 9223372036854775808}"), "max_affected_rows must be an int64: value out of range" },
        { File(extra: "defaults: {max_affected_rows: 99999999999999999999999999999999999999999999}"), "max_affected_rows must be an int64: value out of range" },
        // rate_limit
        { Cap("sql: select 1\npolicy: {rate_limit: ~}"), "rate_limit must be an object" },
        { Cap("sql: select 1\npolicy: {rate_limit: null}"), "rate_limit must be an object" },
        { Cap("sql: select 1\npolicy: {rate_limit: [1]}"), "rate_limit must be an object" },
        { Cap("sql: select 1\npolicy: {rate_limit: 60/m}"), "rate_limit must be an object" },
        { Cap("sql: select 1\npolicy: {rate_limit: !!null {}}"), "rate_limit must be an object" },
        { Cap("sql: select 1\npolicy: {rate_limit: {requests: 1.5, per: 1s, burst: 1}}"), "rate_limit.requests must be an integer" },
        { Cap("sql: select 1\npolicy: {rate_limit: {requests: '1', per: 1s, burst: 1}}"), "rate_limit.requests must be an integer" },
        { Cap("sql: select 1\npolicy: {rate_limit: {requests: 1, per: 1s, burst: 1.0}}"), "rate_limit.burst must be an integer" },
        { Cap("sql: select 1\npolicy: {rate_limit: {requests: 1, per: 1s, burst: \"1\"}}"), "rate_limit.burst must be an integer" },
        { Cap("sql: select 1\npolicy: {rate_limit: {requests: 9223372036854775808, per: 1s, burst: 1}}"), "rate_limit.requests must be an int64: value out of range" },
        { Cap("sql: select 1\npolicy: {rate_limit: {requests: 1, per: 1s, burst: 18446744073709551616}}"), "rate_limit.burst must be an int64: value out of range" },
        // capability value
        { File("capabilities:\n  get_customer: ~\n"), "cannot unmarshal capability: must be an object" },
        { File("capabilities:\n  get_customer:\n"), "cannot unmarshal capability: must be an object" },
        { File("capabilities:\n  get_customer: select 1\n"), "cannot unmarshal capability: must be an object" },
        { File("capabilities:\n  get_customer: [sql]\n"), "cannot unmarshal capability: must be an object" },
        { File("capabilities:\n  get_customer: !!null {}\n"), "cannot unmarshal capability: must be an object" },
        // annotations
        { Cap("sql: select 1\nannotations: null"), "cannot unmarshal capability.annotations: value must be omitted or an object/list" },
        { Cap("sql: select 1\nannotations: ~"), "cannot unmarshal capability.annotations: value must be omitted or an object/list" },
        { Cap("sql: select 1\nannotations:"), "cannot unmarshal capability.annotations: value must be omitted or an object/list" },
        { Cap("sql: select 1\nannotations: !!null []"), "cannot unmarshal capability.annotations: value must be omitted or an object/list" },
        { Cap("sql: select 1\nannotations: !!null {}"), "cannot unmarshal capability.annotations: value must be omitted or an object/list" },
        { "n: &n ~\n" + Cap("sql: select 1\nannotations: *n"), "field n not found in configuration" },
        { Cap("sql: select 1\nannotations: [read_only]"), "cannot unmarshal annotations: must be an object" },
        { Cap("sql: select 1\nannotations: true"), "cannot unmarshal annotations: must be an object" },
        { Cap("sql: select 1\nannotations: {read_only: 1}"), "cannot unmarshal annotations.read_only: value must be boolean" },
        { Cap("sql: select 1\nannotations: {destructive: null}"), "cannot unmarshal annotations.destructive: value must be boolean" },
        { Cap("sql: select 1\nannotations: {idempotent: yes}"), "cannot unmarshal annotations.idempotent: value must be boolean" },
        { Cap("sql: select 1\nannotations: {open_world: 'true'}"), "cannot unmarshal annotations.open_world: value must be boolean" },
        { Cap("sql: select 1\nannotations: {open_world: [true]}"), "cannot unmarshal annotations.open_world: value must be boolean" },
        // examples
        { Cap("sql: select 1\nexamples: null"), "cannot unmarshal capability.examples: value must be omitted or an object/list" },
        { Cap("sql: select 1\nexamples: ~"), "cannot unmarshal capability.examples: value must be omitted or an object/list" },
        { Cap("sql: select 1\nexamples: !!null []"), "cannot unmarshal capability.examples: value must be omitted or an object/list" },
        { Cap("sql: select 1\nexamples: [null]"), "cannot unmarshal capability.examples[0]: item must be an object" },
        { Cap("sql: select 1\nexamples: [{params: {}}, ~]"), "cannot unmarshal capability.examples[1]: item must be an object" },
        { Cap("sql: select 1\nexamples: [!!null {}]"), "cannot unmarshal capability.examples[0]: item must be an object" },
        { Cap("sql: select 1\nexamples: [{params: null}]"), "cannot unmarshal capability example.params: value must be an object" },
        { Cap("sql: select 1\nexamples: [{params: !!null {}}]"), "cannot unmarshal capability example.params: value must be an object" },
        { Cap("sql: select 1\nexamples: [{params: [1]}]"), "cannot unmarshal capability example.params: value must be an object" },
    };

    [Theory]
    [MemberData(nameof(ExactDetails))]
    public void Reports_the_exact_internal_detail(string yaml, string detail) => Assert.Equal(detail, DecodeDetail(yaml));

    [Fact]
    public void Alias_to_null_annotations_and_examples_is_an_explicit_null()
    {
        var yaml = "capabilities:\n  get_customer:\n    sql: select 1\n    annotations: *n\n";
        var text = Gateway() + "\n" + Postgres + "\n" + "defaults: {readonly: &n ~}\n" + yaml;
        Assert.Equal("cannot unmarshal capability.annotations: value must be omitted or an object/list", DecodeDetail(text));
        var examples = Gateway() + "\n" + Postgres + "\n" + "defaults: {readonly: &n ~}\ncapabilities:\n  get_customer:\n    sql: select 1\n    examples: [*n]\n";
        Assert.Equal("cannot unmarshal capability.examples[0]: item must be an object", DecodeDetail(examples));
        var parameters = Gateway() + "\n" + Postgres + "\n" + "defaults: {readonly: &n ~}\ncapabilities:\n  get_customer:\n    sql: select 1\n    examples: [{params: *n}]\n";
        Assert.Equal("cannot unmarshal capability example.params: value must be an object", DecodeDetail(parameters));
    }

    /// <summary>Every other decode-time row of public message fixed, detail names the problem.</summary>
    public static TheoryData<string, string> OtherDecodeErrors() => new()
    {
        // YAML syntax
        { "a: [1, 2\n", "syntax error" },
        { "a: b: c\n", "syntax error" },
        { "a:\n  - 1\n  b: 2\n", "syntax error" },
        { "a: *missing\n", "unknown anchor" },
        { "\"unterminated\n", "syntax error" },
        // wrong scalar types
        { File(extra: "runtime: {max_concurrent_requests: 1.5}"), "runtime.max_concurrent_requests must be an integer" },
        { File(extra: "runtime: {max_concurrent_requests: '4'}"), "runtime.max_concurrent_requests must be an integer" },
        { File(extra: "runtime: {max_concurrent_requests: true}"), "runtime.max_concurrent_requests must be an integer" },
        { File(extra: "runtime: {max_concurrent_requests: 2147483648}"), "runtime.max_concurrent_requests must be an int32: value out of range" },
        { File(database: Postgres.Replace("5432", "'5432'", StringComparison.Ordinal)), "database.port must be an integer" },
        { File(database: Postgres.Replace("5432", "5432.0", StringComparison.Ordinal)), "database.port must be an integer" },
        { File(extra: "logging: {max_files: 3.0}"), "logging.max_files must be an integer" },
        { Cap("sql: select 1\npolicy: {max_rows: 1e2}"), "policy.max_rows must be an integer" },
        { Cap("sql: select 1\npolicy: {readonly: 'true'}"), "policy.readonly must be a boolean" },
        { Cap("sql: select 1\npolicy: {readonly: 1}"), "policy.readonly must be a boolean" },
        { Cap("sql: select 1\npolicy: {expose_in_openapi: yess}"), "policy.expose_in_openapi must be a boolean" },
        { Param("{type: string, required: 'yes'}"), "param.required must be a boolean" },
        { Param("{type: string, minLength: 1.0}"), "param.minLength must be an integer" },
        { Param("{type: integer, minimum: '1'}"), "param.minimum must be an integer" },
        { Param("{type: integer, maximum: 1.5}"), "param.maximum must be an integer" },
        { File(gateway: Gateway() + "\n  allow_insecure_non_loopback_ws: 2"), "gateway.allow_insecure_non_loopback_ws must be a boolean" },
        // shape errors
        { "- a\n- b\n", "configuration must be a mapping" },
        { "just a scalar\n", "configuration must be a mapping" },
        { File(extra: "service: [a]"), "service definition must be a mapping" },
        { File(extra: "runtime: 4"), "runtime definition must be a mapping" },
        { File(database: "database: postgres"), "database definition must be a mapping" },
        { File(database: Postgres + "\n  tls: require"), "database tls definition must be a mapping" },
        { File(extra: "defaults: [1]"), "policy definition must be a mapping" },
        { File(capabilities: "capabilities: [a, b]"), "capabilities definition must be a mapping" },
        { Cap("sql: [select 1]"), "capability.sql must be a string" },
        { Cap("sql: {select: 1}"), "capability.sql must be a string" },
        { Cap("sql: select 1\nparams: [a]"), "capability params must be a mapping" },
        { Param("[type, string]"), "parameter definition must be a mapping" },
        { Param("string"), "parameter definition must be a mapping" },
        { Param("{type: string, enum: abc}"), "param.enum must be a sequence" },
        { Param("{type: string, enum: {a: 1}}"), "param.enum must be a sequence" },
        { Cap("sql: select 1\nresult: [id]"), "capability result must be a mapping" },
        { Cap("sql: select 1\nresult: {id: integer}"), "result column definition must be a mapping" },
        { Cap("sql: select 1\nexamples: {params: {}}"), "cannot unmarshal capability.examples: value must be a list" },
        { Cap("sql: select 1\nexamples: [[1]]"), "cannot unmarshal capability.examples[0]: item must be an object" },
        { File(gateway: "gateway:\n  url: [wss://h/ws/agent]\n  agent_private_key: " + PrivateKey), "gateway.url must be a string" },
        // duplicates and merge shapes
        { File(extra: "runtime: {max_concurrent_requests: 1, max_concurrent_requests: 2}"), "runtime definition contains a duplicate key" },
        { File("capabilities:\n  a: {sql: select 1}\n  a: {sql: select 2}\n"), "capabilities definition contains a duplicate key" },
        { Param("{<<: {type: string}, <<: {description: x}}"), "parameter definition contains more than one merge key" },
        { Param("{<<: 5, type: string}"), "parameter definition merge key requires a mapping or a sequence of mappings" },
        { Param("{<<: [{type: string}, 5]}"), "parameter definition merge key requires a mapping or a sequence of mappings" },
        { Param("{<<: ~, type: string}"), "parameter definition merge key requires a mapping or a sequence of mappings" },
        { Param("{[a]: 1}"), "parameter definition has a key that is not a scalar" },
        // tags
        { File(extra: "runtime: {max_concurrent_requests: !!int abc}"), "invalid value for its tag" },
        { File(extra: "runtime: {max_concurrent_requests: !custom 4}"), "unsupported tag" },
        { Cap("sql: !!binary c2VsZWN0IDE="), "unsupported tag" },
        // cyclic alias outside a merge
        { Cap("sql: select 1\nexamples: &e [{params: {}}, *e]"), "cyclic YAML alias" },
    };

    [Theory]
    [MemberData(nameof(OtherDecodeErrors))]
    public void Other_decode_errors_name_the_problem(string yaml, string detailPart) =>
        Assert.Contains(detailPart, DecodeDetail(yaml), StringComparison.Ordinal);

    [Fact]
    public void Missing_file_is_decode_time()
    {
        var result = Onprest.Agent.Capabilities.Loading.CapabilityFileLoader.Load(Path.Combine(Path.GetTempPath(), "onprest-" + Guid.NewGuid().ToString("N"), "capability.yaml"));
        Assert.False(result.IsValid);
        Assert.Equal(Onprest.Agent.Capabilities.Loading.ConfigurationErrorClass.Decode, result.Error.Class);
        Assert.Equal("capability configuration is invalid", result.Error.PublicMessage);
        Assert.Equal("parse capability.yaml: read capability.yaml: file not found", result.Error.Detail);
    }

    [Fact]
    public void A_directory_is_unreadable_and_decode_time()
    {
        var result = Onprest.Agent.Capabilities.Loading.CapabilityFileLoader.Load(Path.GetTempPath());
        Assert.False(result.IsValid);
        Assert.Equal("capability configuration is invalid", result.Error.PublicMessage);
        Assert.Contains("read capability.yaml", result.Error.Detail, StringComparison.Ordinal);
    }
}
