using Onprest.Agent.Capabilities;
using Onprest.Agent.Execution;
using Onprest.Agent.Sql;

namespace Onprest.Agent.Tests.Execution;

/// <summary>docs/capability-yaml.md / default → first enum member → format sample → type dummy.</summary>
public sealed class ExplainPlaceholdersTests
{
    public static TheoryData<ParameterSpec, object?> Table() => new()
    {
        { new ParameterSpec { Name = "a", Type = ParamType.String, HasDefault = true, Default = "dflt", Enum = ["e1"] }, "dflt" },
        { new ParameterSpec { Name = "a", Type = ParamType.String, Enum = ["first", "second"], Format = StringFormat.Email }, "first" },
        { new ParameterSpec { Name = "a", Type = ParamType.Integer, Enum = [5L, 6L] }, 5L },
        { new ParameterSpec { Name = "a", Type = ParamType.String, Format = StringFormat.Uuid }, "00000000-0000-4000-8000-000000000000" },
        { new ParameterSpec { Name = "a", Type = ParamType.String, Format = StringFormat.Date }, "2000-01-01" },
        { new ParameterSpec { Name = "a", Type = ParamType.String, Format = StringFormat.DateTime }, "2000-01-01T00:00:00Z" },
        { new ParameterSpec { Name = "a", Type = ParamType.String, Format = StringFormat.Email }, "user@example.com" },
        { new ParameterSpec { Name = "a", Type = ParamType.String, Format = StringFormat.Uri }, "https://example.com/" },
        { new ParameterSpec { Name = "a", Type = ParamType.String }, "x" },
        { new ParameterSpec { Name = "a", Type = ParamType.Integer }, 1L },
        { new ParameterSpec { Name = "a", Type = ParamType.Number }, 1.0 },
        { new ParameterSpec { Name = "a", Type = ParamType.Boolean }, true },
        { new ParameterSpec { Name = "a", Type = ParamType.Boolean, Enum = [] }, true },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Chooses_the_value_in_spec_order(ParameterSpec parameter, object? expected)
    {
        Assert.Equal(expected, ExplainPlaceholders.ValueFor(parameter));
    }

    [Fact]
    public void One_value_per_occurrence_and_the_first_undeclared_name_reported()
    {
        var capability = new Capability
        {
            Name = "c",
            Sql = "s",
            Operation = SqlOperation.Select,
            Prepared = new RewrittenSql("s", ["id", "id", "ghost", "other"]),
            Policy = new EffectivePolicy(),
            Parameters = [new ParameterSpec { Name = "id", Type = ParamType.Integer }],
        };
        ExplainPlaceholders.ValuesFor(capability, out var missing);
        Assert.Equal("ghost", missing);
        var ok = capability with { Prepared = new RewrittenSql("s", ["id", "id"]) };
        Assert.Equal([1L, 1L], ExplainPlaceholders.ValuesFor(ok, out var none));
        Assert.Null(none);
    }
}
