using Mlops.Data.Hub;

namespace Mlops.Data.Tests.Hub;

public sealed class GlueParquetReaderTests : TempDirectoryTest
{
    [Fact]
    public async Task ReadsSentencesAndLabelsOfEveryRowGroup()
    {
        var path = Path.Combine(Dir, "train.parquet");
        await File.WriteAllBytesAsync(path, await GlueParquetFiles.WriteAsync(GlueParquetFiles.Train, rowGroups: 3));

        var rows = await GlueParquetReader.ReadAsync(path);

        Assert.Equal(GlueParquetFiles.Train, rows);
    }

    [Fact]
    public async Task MissingLabelColumnNamesTheFileAndTheColumnsFound()
    {
        var path = Path.Combine(Dir, "test.parquet");
        await File.WriteAllBytesAsync(path, await GlueParquetFiles.WriteAsync(GlueParquetFiles.Train, withLabel: false));

        var error = await Assert.ThrowsAsync<DataException>(() => GlueParquetReader.ReadAsync(path));

        Assert.Contains($"'{path}'", error.Message);
        Assert.Contains("'label'", error.Message);
        Assert.Contains("'sentence', 'idx'", error.Message);
    }

    [Fact]
    public async Task NonParquetFileIsADataException()
    {
        var path = Path.Combine(Dir, "broken.parquet");
        await File.WriteAllTextAsync(path, "<html>not parquet</html>");

        var error = await Assert.ThrowsAsync<DataException>(() => GlueParquetReader.ReadAsync(path));

        Assert.Contains($"'{path}'", error.Message);
    }
}
