using Onprest.Agent.Databases;

namespace Onprest.Agent.Tests.Databases;

public sealed class NumericTextTests
{
    [Theory]
    [InlineData("7", true, 7L)]
    [InlineData("+7", true, 7L)]
    [InlineData("-7", true, -7L)]
    [InlineData("9223372036854775807", true, long.MaxValue)]
    [InlineData("-9223372036854775808", true, long.MinValue)]
    [InlineData("9223372036854775808", false, 0L)]
    [InlineData("7.0", false, 0L)]
    [InlineData(" 7", false, 0L)]
    [InlineData("7 ", false, 0L)]
    [InlineData("", false, 0L)]
    [InlineData("+", false, 0L)]
    [InlineData("1e3", false, 0L)]
    [InlineData("0x10", false, 0L)]
    [InlineData("٣", false, 0L)]
    [InlineData("1_000", false, 0L)]
    public void Integer_literals(string text, bool ok, long expected)
    {
        Assert.Equal(ok, NumericText.TryParseInteger(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("12.5", true, 12.5)]
    [InlineData("-1e3", true, -1000.0)]
    [InlineData(".5", true, 0.5)]
    [InlineData("5.", true, 5.0)]
    [InlineData("+3", true, 3.0)]
    [InlineData("1E-2", true, 0.01)]
    [InlineData("1e400", false, 0.0)]
    [InlineData("NaN", false, 0.0)]
    [InlineData("Infinity", false, 0.0)]
    [InlineData(".", false, 0.0)]
    [InlineData("1e", false, 0.0)]
    [InlineData("e5", false, 0.0)]
    [InlineData("1,5", false, 0.0)]
    [InlineData(" 1", false, 0.0)]
    [InlineData("0x1p3", false, 0.0)]
    public void Number_literals(string text, bool ok, double expected)
    {
        Assert.Equal(ok, NumericText.TryParseNumber(text, out var value));
        if (ok)
        {
            Assert.Equal(expected, value);
        }
    }

    [Theory]
    [InlineData("1", true, true)]
    [InlineData("t", true, true)]
    [InlineData("T", true, true)]
    [InlineData("TRUE", true, true)]
    [InlineData("true", true, true)]
    [InlineData("True", true, true)]
    [InlineData("0", true, false)]
    [InlineData("f", true, false)]
    [InlineData("F", true, false)]
    [InlineData("FALSE", true, false)]
    [InlineData("false", true, false)]
    [InlineData("False", true, false)]
    [InlineData("yes", false, false)]
    [InlineData("tRUE", false, false)]
    [InlineData("2", false, false)]
    [InlineData("", false, false)]
    public void Boolean_spellings(string text, bool ok, bool expected)
    {
        Assert.Equal(ok, NumericText.TryParseBoolean(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("12.00", true, 12L)]
    [InlineData("12", true, 12L)]
    [InlineData("-0.000", true, 0L)]
    [InlineData("12.50", false, 0L)]
    [InlineData("99999999999999999999.0", false, 0L)]
    [InlineData("NaN", false, 0L)]
    [InlineData("Infinity", false, 0L)]
    [InlineData("-9223372036854775808.0", true, long.MinValue)]
    public void Exact_decimal_to_integer(string text, bool ok, long expected)
    {
        Assert.Equal(ok, NumericText.TryDecimalToInteger(text, out var value));
        Assert.Equal(expected, value);
    }
}
