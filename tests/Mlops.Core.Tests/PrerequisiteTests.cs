using XunitException = Xunit.Sdk.XunitException;

namespace Mlops.Core.Tests;

/// <summary>A test's prerequisite: present, the test goes on; missing, it skips saying how to enable it, or fails naming it under CI.</summary>
public sealed class PrerequisiteTests
{
    private const string Missing = "No PostgreSQL server";
    private const string Enable = "set MLOPS_TEST_POSTGRES=postgresql://postgres@127.0.0.1:PORT/postgres";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_available_prerequisite_lets_the_test_go_on(bool inCi) => Prerequisite.Require(true, Missing, Enable, inCi);

    [Fact]
    public void A_missing_prerequisite_skips_the_test_saying_how_to_enable_it()
    {
        var skip = Assert.Throws<SkipException>(() => Prerequisite.Require(false, Missing, Enable, inCi: false));
        Assert.Equal($"{Missing}: {Enable}", skip.Message);
    }

    [Fact]
    public void Under_ci_a_missing_prerequisite_fails_the_test_naming_it()
    {
        var failure = Assert.Throws<XunitException>(() => Prerequisite.Require(false, Missing, Enable, inCi: true));
        Assert.Equal($"CI=true and a prerequisite is missing. {Missing}: {Enable}", failure.Message);
    }
}
