namespace Mlops.Data.Tests;

/// <summary>The local files a configured dataset reads: what <c>mlops train</c> looks up in <c>mlops data</c>'s tracking to name the data version.</summary>
public sealed class DataOptionsTests
{
    [Fact]
    public void The_local_paths_are_the_ones_the_configured_dataset_reads_and_no_others()
    {
        Assert.Equal(["t.csv", "v.csv"], new DataOptions { Name = "table", Path = "t.csv", ValidationPath = "v.csv", Dir = "unread" }.LocalPaths());
        Assert.Equal(["t.csv"], new DataOptions { Name = "Table", Path = "t.csv" }.LocalPaths());
        Assert.Equal(["cola"], new DataOptions { Name = "cola", Dir = "cola", Path = "unread.csv" }.LocalPaths());
        Assert.Empty(new DataOptions { Name = "cola" }.LocalPaths());
        Assert.Empty(new DataOptions { Path = "unread.csv" }.LocalPaths());
    }
}
