using System.Buffers;
using System.Text;
using System.Text.Json;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Databases;
using Onprest.Agent.Json;

namespace Onprest.Agent.Tests.Databases;

public sealed class ValueCoercionTests
{
    public static TheoryData<string, SourceValue, ParamType, string?> Table() => new()
    {
        // signed integer
        { "signed→integer", SourceValue.FromSigned(42), ParamType.Integer, "42" },
        { "signed→integer max", SourceValue.FromSigned(long.MaxValue), ParamType.Integer, "9223372036854775807" },
        { "signed→number", SourceValue.FromSigned(-7), ParamType.Number, "-7" },
        { "signed→boolean 1", SourceValue.FromSigned(1), ParamType.Boolean, "true" },
        { "signed→boolean 0", SourceValue.FromSigned(0), ParamType.Boolean, "false" },
        { "signed→boolean 2", SourceValue.FromSigned(2), ParamType.Boolean, null },
        { "signed→string", SourceValue.FromSigned(-7), ParamType.String, "\"-7\"" },
        // unsigned
        { "unsigned→integer", SourceValue.FromUnsigned(9223372036854775807), ParamType.Integer, "9223372036854775807" },
        { "unsigned→integer over", SourceValue.FromUnsigned(9223372036854775808), ParamType.Integer, null },
        { "unsigned→number", SourceValue.FromUnsigned(18446744073709551615), ParamType.Number, "18446744073709552000" },
        { "unsigned→boolean", SourceValue.FromUnsigned(1), ParamType.Boolean, "true" },
        { "unsigned→boolean 5", SourceValue.FromUnsigned(5), ParamType.Boolean, null },
        { "unsigned→string", SourceValue.FromUnsigned(18446744073709551615), ParamType.String, "\"18446744073709551615\"" },
        // floating point
        { "float→integer", SourceValue.FromFloat(12.0), ParamType.Integer, "12" },
        { "float→integer fraction", SourceValue.FromFloat(12.5), ParamType.Integer, null },
        { "float→integer 2^63", SourceValue.FromFloat(9223372036854775808.0), ParamType.Integer, null },
        { "float→integer -2^63", SourceValue.FromFloat(-9223372036854775808.0), ParamType.Integer, "-9223372036854775808" },
        { "float→integer NaN", SourceValue.FromFloat(double.NaN), ParamType.Integer, null },
        { "float→number", SourceValue.FromFloat(1.5), ParamType.Number, "1.5" },
        { "float→number integral", SourceValue.FromFloat(7.0), ParamType.Number, "7" },
        { "float→number 1e20", SourceValue.FromFloat(1e20), ParamType.Number, "100000000000000000000" },
        { "float→number inf", SourceValue.FromFloat(double.PositiveInfinity), ParamType.Number, null },
        { "float→boolean", SourceValue.FromFloat(1.0), ParamType.Boolean, null },
        { "float→string", SourceValue.FromFloat(1e21), ParamType.String, "\"1e+21\"" },
        { "float→string NaN", SourceValue.FromFloat(double.NaN), ParamType.String, "\"NaN\"" },
        { "float→string -inf", SourceValue.FromFloat(double.NegativeInfinity), ParamType.String, "\"-Infinity\"" },
        // exact decimal
        { "decimal→integer", SourceValue.FromDecimalText("12.00"), ParamType.Integer, "12" },
        { "decimal→integer fraction", SourceValue.FromDecimalText("12.50"), ParamType.Integer, null },
        { "decimal→number", SourceValue.FromDecimalText("12.50"), ParamType.Number, "12.5" },
        { "decimal→number NaN", SourceValue.FromDecimalText("NaN"), ParamType.Number, null },
        { "decimal→boolean", SourceValue.FromDecimalText("1"), ParamType.Boolean, null },
        { "decimal→string scale", SourceValue.FromDecimalText("12.50"), ParamType.String, "\"12.50\"" },
        { "decimal→string long", SourceValue.FromDecimalText("12345678901234567890123456789012345.000001"), ParamType.String, "\"12345678901234567890123456789012345.000001\"" },
        { "decimal→string Infinity", SourceValue.FromDecimalText("-Infinity"), ParamType.String, "\"-Infinity\"" },
        // boolean
        { "boolean→integer", SourceValue.FromBoolean(true), ParamType.Integer, null },
        { "boolean→number", SourceValue.FromBoolean(true), ParamType.Number, null },
        { "boolean→boolean", SourceValue.FromBoolean(false), ParamType.Boolean, "false" },
        { "boolean→string", SourceValue.FromBoolean(true), ParamType.String, "\"true\"" },
        // text
        { "text→integer", SourceValue.FromText("+7"), ParamType.Integer, "7" },
        { "text→integer bad", SourceValue.FromText("7.0"), ParamType.Integer, null },
        { "text→number", SourceValue.FromText(".5"), ParamType.Number, "0.5" },
        { "text→number bad", SourceValue.FromText("abc"), ParamType.Number, null },
        { "text→boolean", SourceValue.FromText("T"), ParamType.Boolean, "true" },
        { "text→boolean bad", SourceValue.FromText("yes"), ParamType.Boolean, null },
        { "text→string unicode", SourceValue.FromText("Zoë 😀 \"q\"\n"), ParamType.String, "\"Zoë 😀 \\\"q\\\"\\n\"" },
        // binary
        { "binary→string", SourceValue.FromBinary(Encoding.UTF8.GetBytes("héllo")), ParamType.String, "\"héllo\"" },
        { "binary→string invalid", SourceValue.FromBinary([0x61, 0xFF, 0x62]), ParamType.String, "\"a\uFFFDb\"" },
        { "binary→integer", SourceValue.FromBinary("42"u8.ToArray()), ParamType.Integer, "42" },
        { "binary→boolean", SourceValue.FromBinary("f"u8.ToArray()), ParamType.Boolean, "false" },
        // date/time, uuid, other
        { "date→string", SourceValue.FromDateTimeText("2026-05-04"), ParamType.String, "\"2026-05-04\"" },
        { "date→integer", SourceValue.FromDateTimeText("2026"), ParamType.Integer, null },
        { "uuid→string", new SourceValue(SourceCategory.Uuid, Text: "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"), ParamType.String, "\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\"" },
        { "uuid→boolean", new SourceValue(SourceCategory.Uuid, Text: "x"), ParamType.Boolean, null },
        { "other→string", SourceValue.FromOther("1 day"), ParamType.String, "\"1 day\"" },
        { "other→integer", SourceValue.FromOther("1"), ParamType.Integer, null },
        // null
        { "null→integer", SourceValue.Null, ParamType.Integer, "null" },
        { "null→string", SourceValue.Null, ParamType.String, "null" },
        { "null→boolean", SourceValue.Null, ParamType.Boolean, "null" },
        { "null→number", SourceValue.Null, ParamType.Number, "null" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Coerces_per_table(string name, SourceValue value, ParamType declared, string? expectedJson)
    {
        var buffer = new ArrayBufferWriter<byte>();
        bool ok;
        string? failure;
        using (var json = new Utf8JsonWriter(buffer, JsonWriting.Compact))
        {
            json.WriteStartArray();
            ok = ValueCoercion.TryWrite(json, value, declared, out failure);
            if (ok)
            {
                json.WriteEndArray();
            }
        }

        if (expectedJson is null)
        {
            Assert.False(ok, name);
            Assert.NotNull(failure);
            Assert.StartsWith("cannot coerce ", failure);
            return;
        }

        Assert.True(ok, $"{name}: {failure}");
        Assert.Equal("[" + expectedJson + "]", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Failure_reason_never_contains_the_value()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var json = new Utf8JsonWriter(buffer, JsonWriting.Compact);
        json.WriteStartArray();
        Assert.False(ValueCoercion.TryWrite(json, SourceValue.FromText("secret-value-123"), ParamType.Integer, out var failure));
        Assert.DoesNotContain("secret", failure);
        Assert.Equal("cannot coerce text to integer", failure);
    }
}
