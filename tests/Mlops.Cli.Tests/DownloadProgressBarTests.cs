using Mlops.Data.Hub;
using Spectre.Console.Testing;

namespace Mlops.Cli.Tests;

public class DownloadProgressBarTests
{
    [Fact]
    public void Non_interactive_output_gets_one_line_per_finished_file()
    {
        var console = new TestConsole();
        using (var bar = new DownloadProgressBar(console))
        {
            bar.Report(new DownloadProgress("cola/train.parquet", 1 << 20, 2 << 20));
            bar.Report(new DownloadProgress("cola/train.parquet", 2 << 20, 2 << 20));
        }
        Assert.Equal("downloaded cola/train.parquet (2.0 MB)", console.Output.Trim());
    }

    [Fact]
    public void Interactive_bars_render_and_finish_per_file()
    {
        var console = new TestConsole().Interactive();
        using (var bar = new DownloadProgressBar(console))
        {
            bar.Report(new DownloadProgress("cola/train.parquet", 10, 100));
            bar.Report(new DownloadProgress("cola/train.parquet", 100, 100));
            bar.Report(new DownloadProgress("cola/validation.parquet", 5, null));
        }
        Assert.Contains("cola/train.parquet", console.Output);
        Assert.Contains("cola/validation.parquet", console.Output);
    }
}
