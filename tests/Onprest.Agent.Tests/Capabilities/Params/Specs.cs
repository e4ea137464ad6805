using Onprest.Agent.Capabilities;
using Onprest.Agent.Capabilities.Params;

namespace Onprest.Agent.Tests.Capabilities.Params;

/// <summary>Builders for parameter specs as the linter would produce them.</summary>
internal static class Specs
{
    public static ParameterSpec String(string name = "p", bool required = false) =>
        new() { Name = name, Type = ParamType.String, Required = required };

    public static ParameterSpec Integer(string name = "p", bool required = false) =>
        new() { Name = name, Type = ParamType.Integer, Required = required };

    public static ParameterSpec Number(string name = "p", bool required = false) =>
        new() { Name = name, Type = ParamType.Number, Required = required };

    public static ParameterSpec Boolean(string name = "p", bool required = false) =>
        new() { Name = name, Type = ParamType.Boolean, Required = required };

    public static ParameterSpec WithPattern(this ParameterSpec spec, string pattern)
    {
        Assert.True(PatternCompiler.TryCompile(pattern, out var regex), $"pattern {pattern} should compile");
        return spec with { PatternText = pattern, Pattern = regex };
    }

    public static ParameterSpec WithDefault(this ParameterSpec spec, object value) =>
        spec with { HasDefault = true, Default = value };
}
