namespace Mlops.Cli.Tests;

/// <summary>Help is parsing only: it runs in-process on the app's own console.</summary>
public sealed class HelpTests
{
    [Theory]
    [InlineData("train", "--multirun")]
    [InlineData("evaluate", "--model")]
    [InlineData("predict", "--model")]
    [InlineData("config show", "--package")]
    [InlineData("data check", "--strict")]
    [InlineData("bench train", "--anchor")]
    public async Task Every_command_has_help_listing_its_options(string command, string option)
    {
        var (exitCode, output) = await InProcessMlops.RunAppAsync([.. command.Split(' '), "--help"]);
        Assert.Equal(0, exitCode);
        Assert.Contains(option, output);
    }

    [Fact]
    public async Task Evaluate_help_shows_model_and_not_its_old_name()
    {
        var (_, output) = await InProcessMlops.RunAppAsync("evaluate", "--help");
        Assert.DoesNotContain("--checkpoint", output);
    }

    [Fact]
    public async Task Version_prints_the_programs_version()
    {
        var (exitCode, output) = await InProcessMlops.RunAppAsync("--version");
        Assert.Equal(0, exitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", output.Trim());
    }
}
