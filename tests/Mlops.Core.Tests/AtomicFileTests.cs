using Mlops.Core;

namespace Mlops.Core.Tests;

public sealed class AtomicFileTests : TempDirectoryTest
{
    [Fact]
    public async Task Writes_content_and_leaves_no_temp_file()
    {
        var path = Path.Combine(Dir, "sub", "a.txt");
        await AtomicFile.WriteAllTextAsync(path, "hello");
        Assert.Equal("hello", File.ReadAllText(path));
        Assert.Equal(["a.txt"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_failing_write_keeps_the_previous_file_intact()
    {
        var path = Path.Combine(Dir, "model.bin");
        await AtomicFile.WriteAllTextAsync(path, "previous");
        await Assert.ThrowsAsync<IOException>(() => AtomicFile.WriteAsync(path, async stream =>
        {
            await stream.WriteAsync(new byte[] { 1, 2, 3 });
            throw new IOException("disk full");
        }));
        Assert.Equal("previous", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(Dir));
    }
}
