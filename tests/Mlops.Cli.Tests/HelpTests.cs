namespace Mlops.Cli.Tests;

/// <summary>Help is parsing only: it runs in-process on the app's own console.</summary>
public sealed class HelpTests
{
    [Theory]
    [InlineData("train", "--multirun")]
    [InlineData("evaluate", "--checkpoint")]
    [InlineData("predict", "--model")]
    [InlineData("config show", "--package")]
    [InlineData("bench train", "--anchor")]
    public async Task Every_command_has_help_listing_its_options(string command, string option)
    {
        var (exitCode, output) = await InProcessMlops.RunAppAsync([.. command.Split(' '), "--help"]);
        Assert.Equal(0, exitCode);
        Assert.Contains(option, output);
    }
}
