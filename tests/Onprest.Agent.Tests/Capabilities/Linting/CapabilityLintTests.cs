using static Onprest.Agent.Tests.Capabilities.CapabilityYaml;

namespace Onprest.Agent.Tests.Capabilities.Linting;

/// <summary> step 9–every capability-level message verbatim.</summary>
public sealed class CapabilityLintTests
{
    private static string Cap(string body, string name = "get_customer", string? database = null, string extra = "") =>
        WithCapability(body, name, database, extra);

    private static string Select(string more = "") => Cap("sql: select id from t where id = :id\nparams: {id: {type: integer}}\n" + more);

    private static string Param(string definition) => Cap("sql: select 1 from t where x = :p\nparams:\n  p: " + definition);

    private static string Dml(string sql, string more = "") => Cap("sql: \"" + sql + "\"\npolicy: {readonly: false}\n" + more);

    private const string Sqlserver = "database: {driver: sqlserver, host: h, port: 1433, name: n, user: u}";
    private const string Mysql = "database: {driver: mysql, host: h, port: 3306, name: n, user: u}";

    public static TheoryData<string, string> Cases() => new()
    {
        // name and sql
        { Cap("sql: select 1", "1bad"), "capabilities.1bad name is invalid" },
        { Cap("sql: select 1", "_x"), "capabilities._x name is invalid" },
        { Cap("sql: select 1", "'bad name'"), "capabilities.<invalid-key> name is invalid" },
        { Cap("sql: select 1", "'ünicode'"), "capabilities.<invalid-key> name is invalid" },
        { Cap("sql: select 1", "\"a\\nb\""), "capabilities.<invalid-key> name is invalid" },
        { Cap("sql: select 1", "''"), "capabilities.<invalid-key> name is invalid" },
        { Cap("sql: select 1", "a" + new string('b', 128)), "capabilities.<invalid-key> name is invalid" },
        { Cap("sql: select 1", "meta"), "capabilities.meta name is reserved" },
        { Cap("description: x"), "get_customer.sql is required" },
        { Cap("sql: ''"), "get_customer.sql is required" },
        { Cap("sql: \"  \\t\\n \""), "get_customer.sql is required" },
        { Cap("sql: ~"), "get_customer.sql is required" },

        // with path <cap>.policy (capability policy and inherited defaults)
        { Select("policy: {timeout: x}"), "get_customer.policy.timeout is invalid" },
        { Select("policy: {timeout: 1.5}"), "get_customer.policy.timeout is invalid" },
        { Select("policy: {timeout: -1s}"), "get_customer.policy.timeout must be > 0" },
        { Select("policy: {max_rows: 0}"), "get_customer.policy.max_rows must be > 0" },
        { Select("policy: {max_bytes: 1.5MB}"), "get_customer.policy.max_bytes is invalid" },
        { Select("policy: {max_bytes: 0B}"), "get_customer.policy.max_bytes is invalid" },
        { Select("policy: {max_affected_rows: 0}"), "get_customer.policy.max_affected_rows must be > 0" },
        { Select("policy: {rate_limit: {requests: -1, per: 1s, burst: 1}}"), "get_customer.policy.rate_limit: requests must be > 0" },
        { Select("policy: {rate_limit: {requests: 1, burst: 1}}"), "get_customer.policy.rate_limit: per is required" },
        { Select("policy: {rate_limit: {requests: 1, per: 1, burst: 1}}"), "get_customer.policy.rate_limit: per is invalid" },
        { Select("policy: {rate_limit: {requests: 1, per: 0s, burst: 1}}"), "get_customer.policy.rate_limit: per must be > 0" },
        { Select("policy: {rate_limit: {requests: 1, per: 1s, burst: -1}}"), "get_customer.policy.rate_limit: burst must be > 0" },
        { Select("policy: {rate_limit: {requests: 1, per: 2ns, burst: 9223372036854775807}}"), "get_customer.policy.rate_limit: burst and per are too large" },
        { Cap("sql: select 1", extra: "defaults: {max_affected_rows: 5}"), "get_customer.policy.max_affected_rows is only supported for DML" },

        // SQL rules, in order
        { Cap("sql: select 1; select 2"), "get_customer.sql must contain exactly one statement" },
        { Cap("sql: select 1;;"), "get_customer.sql must contain exactly one statement" },
        { Cap("sql: \"select '\\\\'; update t set v=99\""), "get_customer.sql must contain exactly one statement" },
        { Cap("sql: select 1 update t set v = 1", database: Sqlserver), "get_customer.sql must contain exactly one statement" },
        { Cap("sql: with x as (select 1) select * from x"), "get_customer.sql operation is not supported" },
        { Cap("sql: call proc()"), "get_customer.sql operation is not supported" },
        { Cap("sql: merge into t using s on t.id = s.id when matched then delete"), "get_customer.sql operation is not supported" },
        { Cap("sql: select * into new_table from t"), "get_customer.sql operation is not supported" },
        { Cap("sql: select * from t into outfile 'x'", database: Mysql), "get_customer.sql operation is not supported" },
        { Cap("sql: '-- only a comment'"), "get_customer.sql operation is not supported" },
        { Cap("sql: select 1\npolicy: {max_affected_rows: 1}"), "get_customer.policy.max_affected_rows is only supported for DML" },
        { Cap("sql: update t set v = 1"), "get_customer.sql must be SELECT when policy.readonly is true" },
        { Cap("sql: delete from t", extra: "defaults: {readonly: true}"), "get_customer.sql must be SELECT when policy.readonly is true" },
        { Cap("sql: insert into t(v) values (1)\npolicy: {readonly: yes}"), "get_customer.sql must be SELECT when policy.readonly is true" },
        { Dml("insert into t(v) values (1) returning id"), "get_customer.sql returning rows from DML is not supported" },
        { Dml("update t set v = 1", "result: {}"), "get_customer.result is only supported for SELECT" },
        { Dml("update t set v = 1", "result: {v: {type: integer}}"), "get_customer.result is only supported for SELECT" },
        // order: single statement before operation; operation before readonly; readonly before returning
        { Cap("sql: with a as (select 1) update t set v = 1; delete from t"), "get_customer.sql must contain exactly one statement" },
        { Cap("sql: create table t(v int)\npolicy: {readonly: true, max_affected_rows: 1}"), "get_customer.sql operation is not supported" },
        { Cap("sql: update t set v = 1 returning v"), "get_customer.sql must be SELECT when policy.readonly is true" },
        { Dml("update t set v = 1 returning v", "result: {}"), "get_customer.sql returning rows from DML is not supported" },

        // parameter rules 1–12
        { Param("{}"), "get_customer.params.p.type is invalid" },
        { Param("~"), "get_customer.params.p.type is invalid" },
        { Param("{type: String}"), "get_customer.params.p.type is invalid" },
        { Param("{type: int}"), "get_customer.params.p.type is invalid" },
        { Param("{type: string, minimum: 1}"), "get_customer.params.p minimum/maximum are supported only for integer and number" },
        { Param("{type: boolean, maximum: 1}"), "get_customer.params.p minimum/maximum are supported only for integer and number" },
        { Param("{type: integer, minimum: 5, maximum: 4}"), "get_customer.params.p.minimum must be <= maximum" },
        { Param("{type: integer, minLength: 1}"), "get_customer.params.p string constraints are supported only for string" },
        { Param("{type: number, maxLength: 1}"), "get_customer.params.p string constraints are supported only for string" },
        { Param("{type: boolean, pattern: ''}"), "get_customer.params.p string constraints are supported only for string" },
        { Param("{type: integer, format: ''}"), "get_customer.params.p string constraints are supported only for string" },
        { Param("{type: string, pattern: '(a'}"), "get_customer.params.p.pattern is invalid" },
        { Param("{type: string, pattern: '(\\w)\\1'}"), "get_customer.params.p.pattern is invalid" },
        { Param("{type: string, pattern: 'a{1001}'}"), "get_customer.params.p.pattern is invalid" },
        { Param("{type: string, pattern: 'a\\Z'}"), "get_customer.params.p.pattern is invalid" },
        { Param("{type: string, format: ipv4}"), "get_customer.params.p.format is invalid" },
        { Param("{type: string, format: Email}"), "get_customer.params.p.format is invalid" },
        { Param("{type: string, minLength: -1}"), "get_customer.params.p.minLength must be >= 0" },
        { Param("{type: string, maxLength: -1}"), "get_customer.params.p.maxLength must be >= 0" },
        { Param("{type: string, minLength: 3, maxLength: 2}"), "get_customer.params.p.minLength must be <= maxLength" },
        { Param("{type: integer, enum: [1, x]}"), "get_customer.params.p.enum[1] is invalid: must be integer" },
        { Param("{type: integer, enum: [1.5]}"), "get_customer.params.p.enum[0] is invalid: must be integer" },
        { Param("{type: integer, minimum: 2, enum: [2, 1]}"), "get_customer.params.p.enum[1] is invalid: below minimum" },
        { Param("{type: string, enum: [\"123\", 123]}"), "get_customer.params.p.enum[1] is invalid: must be string" },
        { Param("{type: string, maxLength: 2, enum: [abc]}"), "get_customer.params.p.enum[0] is invalid: above maxLength" },
        { Param("{type: boolean, enum: [~]}"), "get_customer.params.p.enum[0] is invalid: must be boolean" },
        { Param("{type: number, enum: [.inf]}"), "get_customer.params.p.enum[0] is invalid: must be number" },
        { Param("{type: integer, default: ~}"), "get_customer.params.p.default is invalid: must be integer" },
        { Param("{type: string, default: null}"), "get_customer.params.p.default is invalid: must be string" },
        { Param("{type: string, default: 5}"), "get_customer.params.p.default is invalid: must be string" },
        { Param("{type: integer, default: '5'}"), "get_customer.params.p.default is invalid: must be integer" },
        { Param("{type: integer, maximum: 3, default: 4}"), "get_customer.params.p.default is invalid: above maximum" },
        { Param("{type: integer, enum: [1, 2], default: 3}"), "get_customer.params.p.default is invalid: not in enum" },
        { Param("{type: string, format: uuid, default: nope}"), "get_customer.params.p.default is invalid: must be uuid" },
        { Param("{type: string, pattern: '^a', default: b}"), "get_customer.params.p.default is invalid: does not match pattern" },
        { Param("{type: boolean, default: yes}"), "get_customer.params.p.default is invalid: must be boolean" },
        { Param("{type: string, default: [a]}"), "get_customer.params.p.default is invalid: must be string" },
        { Cap("sql: select 1 from t where x = :p\nparams:\n  'bad key': {type: text}"), "get_customer.params.<invalid-key>.type is invalid" },
        // rule order within one definition
        { Param("{type: boolean, minimum: 5, maximum: 4, minLength: -1}"), "get_customer.params.p minimum/maximum are supported only for integer and number" },
        { Param("{type: integer, minimum: 5, maximum: 4, minLength: -1}"), "get_customer.params.p.minimum must be <= maximum" },
        { Param("{type: string, pattern: '(', format: bad, minLength: -1}"), "get_customer.params.p.pattern is invalid" },
        { Param("{type: string, format: bad, minLength: -1}"), "get_customer.params.p.format is invalid" },
        { Param("{type: string, minLength: -1, maxLength: -1}"), "get_customer.params.p.minLength must be >= 0" },
        { Param("{type: string, minLength: 2, maxLength: 1, enum: [1]}"), "get_customer.params.p.minLength must be <= maxLength" },
        { Param("{type: integer, enum: [x], default: ~}"), "get_customer.params.p.enum[0] is invalid: must be integer" },
        // params in written order (not sorted)
        { Cap("sql: select 1\nparams:\n  zeta: {type: bad}\n  alpha: {type: worse}"), "get_customer.params.zeta.type is invalid" },

        //
        { Cap("sql: select id from t\nresult: {id: {type: int}}"), "get_customer.result.id.type is invalid" },
        { Cap("sql: select id from t\nresult: {id: ~}"), "get_customer.result.id.type is invalid" },
        { Cap("sql: select id from t\nresult: {id: {description: x}, name: {type: bad}}"), "get_customer.result.id.type is invalid" },
        { Cap("sql: select id from t\nresult: {'no good': {type: x}}"), "get_customer.result.<invalid-key>.type is invalid" },
        // params (5) before result (6) before examples (7)
        { Cap("sql: select 1\nparams: {p: {type: x}}\nresult: {id: {type: y}}\nexamples: [{}]"), "get_customer.params.p.type is invalid" },
        { Cap("sql: select 1\nresult: {id: {type: y}}\nexamples: [{}]"), "get_customer.result.id.type is invalid" },

        // lint rows
        { Select("examples: [{}]"), "get_customer.examples[0].params must be an object" },
        { Select("examples: [{params: {id: 1}}, {}]"), "get_customer.examples[1].params must be an object" },
        { Cap("sql: select 1\nparams: {customer_id: {type: integer, required: true}}\nexamples: [{params: {}}]"), "get_customer.examples[0].params: required param missing: customer_id" },
        { Cap("sql: select 1\nparams: {customer_id: {type: integer, minimum: 1}}\nexamples: [{params: {customer_id: 0}}]"), "get_customer.examples[0].params: customer_id: below minimum" },
        { Cap("sql: select 1\nparams: {customer_id: {type: integer}}\nexamples: [{params: {unknown: 1}}]"), "get_customer.examples[0].params: unknown param: unknown" },
        { Cap("sql: select 1\nparams: {a: {type: integer}, b: {type: string}}\nexamples: [{params: {b: 1, a: x}}]"), "get_customer.examples[0].params: a: must be integer" },
        { Cap("sql: select 1\nparams: {a: {type: string}}\nexamples: [{params: {a: [x]}}]"), "get_customer.examples[0].params: a: must be string" },
        { Cap("sql: select 1\nparams: {a: {type: string}}\nexamples: [{params: {a: ~}}]"), "get_customer.examples[0].params: a: must be string" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_the_exact_message(string yaml, string expected) => Assert.Equal(expected, LintMessage(yaml));

    [Fact]
    public void Capabilities_are_linted_in_ascending_ordinal_name_order()
    {
        var yaml = File("capabilities:\n  b: {sql: ''}\n  B: {sql: 'select 1; select 2'}\n  a: {sql: select 1}\n");
        Assert.Equal("B.sql must contain exactly one statement", LintMessage(yaml));
    }

    [Fact]
    public void Sql_server_output_is_a_returning_clause()
    {
        var yaml = WithCapability("sql: delete from t output deleted.id\npolicy: {readonly: false}", database: Sqlserver);
        Assert.Equal("get_customer.sql returning rows from DML is not supported", LintMessage(yaml));
    }

    [Fact]
    public void Effective_policy_merges_builtins_defaults_and_capability_policy()
    {
        var yaml = WithCapability(
            "sql: update t set v = 1\npolicy: {readonly: false, max_rows: 7, rate_limit: {requests: 2, per: 1s, burst: 3}}",
            extra: "defaults: {timeout: 1m30s, max_bytes: 2MB, max_affected_rows: 10, expose_in_openapi: false, rate_limit: {requests: 1, per: 1h, burst: 1}}");
        var result = Load(yaml);
        Assert.True(result.IsValid, result.Error?.Detail);
        Assert.Equal(
            new Onprest.Agent.Capabilities.EffectivePolicy
            {
                Readonly = false,
                Timeout = TimeSpan.FromSeconds(90),
                MaxRows = 7,
                MaxBytes = 2 * 1024 * 1024,
                MaxAffectedRows = 10,
                RateLimit = new Onprest.Agent.Capabilities.RateLimitPolicy(2, 1_000_000_000, 3),
                ExposeInOpenApi = false,
            },
            result.Configuration.Capabilities[0].Policy);
    }

    [Fact]
    public void Built_in_policy_applies_without_defaults()
    {
        var result = Load(WithCapability("sql: select 1\npolicy: {timeout: '', max_bytes: ''}"));
        Assert.True(result.IsValid, result.Error?.Detail);
        Assert.Equal(new Onprest.Agent.Capabilities.EffectivePolicy(), result.Configuration.Capabilities[0].Policy);
    }

    [Fact]
    public void Parameter_model_carries_converted_defaults_enum_pattern_and_format()
    {
        var yaml = WithCapability(
            """
            sql: select 1 from t where a = :a and b = :b and c = :c
            params:
              c: {type: number, enum: [1, 2.5], default: 2.5, description: C}
              a: {type: string, pattern: '^[a-z]+$', format: '', minLength: 0, maxLength: 5, default: abc}
              b: {type: integer, enum: [0x10, 0o7], required: true}
              d: {type: string, format: date-time}
            examples:
              - params: {b: 16, a: xyz}
            annotations: {read_only: true, open_world: false}
            """);
        var result = Load(yaml);
        Assert.True(result.IsValid, result.Error?.Detail);
        var capability = result.Configuration.Capabilities[0];
        Assert.Equal(["c", "a", "b", "d"], capability.Parameters.Select(p => p.Name));
        var c = capability.Parameters[0];
        Assert.True(c.HasDefault);
        Assert.Equal(2.5, c.Default);
        Assert.Equal([1.0, 2.5], c.Enum!);
        Assert.Equal("C", c.Description);
        var a = capability.Parameters[1];
        Assert.Equal("^[a-z]+$", a.PatternText);
        Assert.NotNull(a.Pattern);
        Assert.Equal(Onprest.Agent.Capabilities.StringFormat.None, a.Format);
        Assert.Equal("abc", a.Default);
        var b = capability.Parameters[2];
        Assert.True(b.Required);
        Assert.Equal([16L, 7L], b.Enum!);
        Assert.Equal(Onprest.Agent.Capabilities.StringFormat.DateTime, capability.Parameters[3].Format);
        var example = Assert.Single(capability.Examples!);
        Assert.Equal(2, example.Count);
        Assert.Equal(16L, example["b"]);
        Assert.Equal("xyz", example["a"]);
        Assert.Equal(new Onprest.Agent.Capabilities.CapabilityAnnotations { ReadOnly = true, OpenWorld = false }, capability.Annotations);
    }

    [Fact]
    public void Empty_enum_and_empty_annotations_are_kept()
    {
        var result = Load(WithCapability("sql: select 1\nparams: {p: {type: string, enum: []}}\nannotations: {}\nexamples: []"));
        Assert.True(result.IsValid, result.Error?.Detail);
        var capability = result.Configuration.Capabilities[0];
        Assert.Empty(capability.Parameters[0].Enum!);
        Assert.Equal(new Onprest.Agent.Capabilities.CapabilityAnnotations(), capability.Annotations);
        Assert.Empty(capability.Examples!);
    }

    [Fact]
    public void Result_on_select_keeps_written_order_and_null_result_on_dml_is_absent()
    {
        var select = Load(WithCapability("sql: select b, a from t\nresult: {b: {type: boolean, description: B}, a: {type: number}}"));
        Assert.True(select.IsValid, select.Error?.Detail);
        Assert.Equal(
            [new Onprest.Agent.Capabilities.ResultColumn("b", Onprest.Agent.Capabilities.ParamType.Boolean, "B"), new Onprest.Agent.Capabilities.ResultColumn("a", Onprest.Agent.Capabilities.ParamType.Number, "")],
            select.Configuration.Capabilities[0].Result);
        Assert.True(Load(WithCapability("sql: delete from t\npolicy: {readonly: false}\nresult: ~")).IsValid);
    }
}
