namespace Mlops.Cli.Tests;

public sealed class NumberTextTests
{
    [Theory]
    [InlineData(0.81234567, 4, "0.8123")]
    [InlineData(0.5, 4, "0.5")]
    [InlineData(1234.5678, 4, "1235")]
    [InlineData(12345.0, 4, "12345")]
    [InlineData(3.28e-7, 3, "3.28e-7")]
    [InlineData(5.555556e-6, 6, "5.55556e-6")]
    [InlineData(-0.0001234, 3, "-1.23e-4")]
    [InlineData(9.9996e-5, 4, "1e-4")]
    [InlineData(2.5e12, 4, "2.5e+12")]
    [InlineData(0.001, 4, "0.001")]
    [InlineData(0.0, 4, "0")]
    [InlineData(double.NaN, 4, "-")]
    public void Prints_fixed_or_compact_with_the_digits_asked(double value, int digits, string expected) =>
        Assert.Equal(expected, NumberText.Format(value, digits));

    [Theory]
    [InlineData(3.28e-7)]
    [InlineData(5.55556e-6)]
    [InlineData(123456789.0)]
    [InlineData(1e-300)]
    public void Never_prints_dotnet_exponents(double value)
    {
        var text = NumberText.Format(value);
        Assert.DoesNotContain("E", text);
        Assert.DoesNotMatch(@"e[+-]0", text);
        Assert.Equal(value, double.Parse(text, System.Globalization.CultureInfo.InvariantCulture), value * 1e-3);
    }
}
