using Onprest.Agent.Databases;

namespace Onprest.Agent.Tests.Databases;

public sealed class FloatTextTests
{
    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(100.0, "100")]
    [InlineData(7.0, "7")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(0.1, "0.1")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.0, "0")]
    [InlineData(123456789012345680000.0, "123456789012345680000")]
    [InlineData(1.2345678901234568e-10, "1.2345678901234568e-10")]
    [InlineData(double.MaxValue, "1.7976931348623157e+308")]
    [InlineData(double.Epsilon, "5e-324")]
    [InlineData(-1e300, "-1e+300")]
    [InlineData(12345.678, "12345.678")]
    public void Formats_shortest_round_trip_text(double value, string expected)
    {
        Assert.Equal(expected, FloatText.Format(value));
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Formats_non_finite_words(double value, string expected)
    {
        Assert.Equal(expected, FloatText.Format(value));
    }

    [Fact]
    public void Negative_zero_is_zero()
    {
        Assert.Equal("0", FloatText.Format(-0.0));
    }

    [Fact]
    public void Every_formatted_value_round_trips()
    {
        var random = new Random(42);
        for (var i = 0; i < 5000; i++)
        {
            var value = BitConverter.Int64BitsToDouble(random.NextInt64());
            if (!double.IsFinite(value))
            {
                continue;
            }

            var text = FloatText.Format(value);
            Assert.Equal(value == 0 ? 0 : value, double.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
