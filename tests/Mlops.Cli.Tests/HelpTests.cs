namespace Mlops.Cli.Tests;

public sealed class HelpTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mlops-help-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("train", "--pretrained")]
    [InlineData("evaluate", "--checkpoint")]
    [InlineData("predict", "--model")]
    [InlineData("bench train", "--anchor")]
    public async Task Every_command_has_help_listing_its_options(string command, string option)
    {
        var result = await MlopsProcess.RunAsync(_dir, [.. command.Split(' '), "--help"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(option, result.StdOut);
    }
}
