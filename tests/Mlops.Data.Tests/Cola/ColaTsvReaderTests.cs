using Mlops.Data.Cola;

namespace Mlops.Data.Tests.Cola;

public sealed class ColaTsvReaderTests : TempDirectoryTest
{
    private string Write(string name, string content)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task Reads_the_raw_four_column_layout()
    {
        var path = Write("raw.tsv", "gj04\t1\t\tOur friends won't buy this analysis.\ngj04\t0\t*\tThey drank the pub.\n");
        var rows = await ColaTsvReader.ReadAsync(path);
        Assert.Equal([new LabeledSentence("Our friends won't buy this analysis.", 1), new LabeledSentence("They drank the pub.", 0)], rows);
    }

    [Fact]
    public async Task Reads_the_glue_layout_by_header_names()
    {
        var path = Write("dev.tsv", "label\tsentence\n0\tThey drank the pub.\n1\tThe cat sat.");
        var rows = await ColaTsvReader.ReadAsync(path);
        Assert.Equal([new LabeledSentence("They drank the pub.", 0), new LabeledSentence("The cat sat.", 1)], rows);
    }

    [Fact]
    public async Task Malformed_row_reports_file_and_line()
    {
        var path = Write("bad.tsv", "gj04\t1\t\tFine.\ngj04\t1\tonly three\n");
        var e = await Assert.ThrowsAsync<DataException>(() => ColaTsvReader.ReadAsync(path));
        Assert.StartsWith($"{path}:2:", e.Message);
    }

    [Fact]
    public async Task Bad_label_reports_file_and_line()
    {
        var path = Write("label.tsv", "gj04\t1\t\tFine.\ngj04\t1\t\tFine.\ngj04\tx\t\tBad.\n");
        var e = await Assert.ThrowsAsync<DataException>(() => ColaTsvReader.ReadAsync(path));
        Assert.StartsWith($"{path}:3:", e.Message);
        Assert.Contains("'x'", e.Message);
    }

    [Fact]
    public async Task Folder_source_keeps_in_and_out_of_domain_parts()
    {
        Write("in_domain_train.tsv", "a\t1\t\tOne.\na\t0\t*\tTwo.\n");
        Write("in_domain_dev.tsv", "a\t1\t\tThree.\n");
        Write("out_of_domain_dev.tsv", "b\t0\t*\tFour.");
        var splits = await new ColaFolderSource(Dir).LoadAsync();
        Assert.Equal(2, splits.Train.Count);
        Assert.Equal(["in_domain", "out_of_domain"], splits.ValidationParts.Keys);
        Assert.Equal(["Three.", "Four."], splits.Validation.Select(s => s.Text));
        Assert.Equal(["unacceptable", "acceptable"], splits.LabelNames);
    }

    [Fact]
    public async Task Missing_folder_is_a_data_error_naming_it()
    {
        var missing = Path.Combine(Dir, "nope");
        var e = await Assert.ThrowsAsync<DataException>(() => new ColaFolderSource(missing).LoadAsync());
        Assert.Contains(missing, e.Message);
        Assert.NotNull(e.Hint);
    }

    [Fact]
    public async Task Folder_without_cola_files_is_a_data_error()
    {
        var e = await Assert.ThrowsAsync<DataException>(() => new ColaFolderSource(Dir).LoadAsync());
        Assert.Contains("no CoLA files", e.Message);
    }
}
