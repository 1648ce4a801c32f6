using System.Globalization;

namespace Mlops.Training.Tests;

/// <summary>
/// Entry point for child processes the tests start from this assembly (xunit and VSTest never call it):
/// <c>dotnet Mlops.Training.Tests.dll checkpoint-writer &lt;dir&gt; &lt;start&gt;</c> runs <see cref="CheckpointWriter"/>.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case ["checkpoint-writer", var dir, var start]:
                await CheckpointWriter.RunAsync(dir, int.Parse(start, CultureInfo.InvariantCulture));
                return 0;
            default:
                await Console.Error.WriteLineAsync("usage: Mlops.Training.Tests checkpoint-writer <dir> <start>");
                return 2;
        }
    }
}
