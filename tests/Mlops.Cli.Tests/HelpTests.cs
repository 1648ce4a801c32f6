namespace Mlops.Cli.Tests;

public sealed class HelpTests : TempDirectoryTest
{
    [Theory]
    [InlineData("train", "--multirun")]
    [InlineData("evaluate", "--checkpoint")]
    [InlineData("predict", "--model")]
    [InlineData("config show", "--package")]
    [InlineData("bench train", "--anchor")]
    public async Task Every_command_has_help_listing_its_options(string command, string option)
    {
        var result = await MlopsProcess.RunAsync(Dir, [.. command.Split(' '), "--help"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(option, result.StdOut);
    }
}
