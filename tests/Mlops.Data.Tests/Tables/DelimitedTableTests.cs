namespace Mlops.Data.Tests.Tables;

/// <summary>CSV and TSV tables: quoting as RFC 4180 has it (separators, tabs, line breaks and doubled quotes inside quotes), a BOM, blank lines, CRLF.</summary>
public sealed class DelimitedTableTests : TableTest
{
    [Fact]
    public async Task Quoted_csv_fields_keep_their_commas_doubled_quotes_and_line_breaks()
    {
        var train = Write("train.csv", "text,label\n\"Hello, world\",pos\n\"She said \"\"hi\"\"\",neg\n\"two\nlines\",pos\nplain \"quoted\" word,neg\n");
        var validation = Write("dev.csv", "text,label\nok,pos\n");

        var splits = await LoadAsync(Table(train) with { ValidationPath = validation });

        Assert.Equal(["neg", "pos"], splits.LabelNames);
        Assert.Equal(
            [new("Hello, world", 1), new("She said \"hi\"", 0), new("two\nlines", 1), new("plain \"quoted\" word", 0)],
            splits.Train);
        Assert.Equal([new LabeledSentence("ok", 1)], splits.Validation);
    }

    [Fact]
    public async Task A_tsv_of_github_issues_keeps_tabs_and_newlines_inside_quoted_bodies_and_joins_title_and_description()
    {
        var path = Write("issues.tsv",
            "ID\tArea\tTitle\tDescription\tsplit\n" +
            "1\tarea-System.Net\tUri drops the fragment\t\"Repro:\n\tvar u = new Uri(\"\"file:///a#b\"\");\n\tConsole.WriteLine(u.LocalPath);\n\nExpected \"\"/a#b\"\".\"\ttrain\n" +
            "2\tarea-System.IO\tFile.Copy on \"\"Unix\"\"\t\"Tabs\there, and a \"\"quote\"\".\"\ttrain\n" +
            "3\tarea-System.Net\tHttpClient timeout\t\tvalidation\n" +
            "4\tarea-System.IO\tPath.Combine\tthrows\ttest\n");

        var splits = await LoadAsync(Table(path) with { Text = ["Title", "Description"], Label = "Area", SplitColumn = "split" });

        Assert.Equal(["area-System.IO", "area-System.Net"], splits.LabelNames);
        Assert.Equal(
            [
                new("Uri drops the fragment | Repro:\n\tvar u = new Uri(\"file:///a#b\");\n\tConsole.WriteLine(u.LocalPath);\n\nExpected \"/a#b\".", 1),
                new("File.Copy on \"\"Unix\"\" | Tabs\there, and a \"quote\".", 0),
            ],
            splits.Train);
        // An empty description leaves the title alone, without a dangling separator; the test row is skipped.
        Assert.Equal([new LabeledSentence("HttpClient timeout", 1)], splits.Validation);
    }

    [Fact]
    public async Task A_byte_order_mark_does_not_become_part_of_the_first_column_name()
    {
        var path = Write("bom.csv", "text,label,split\nfine,a,train\nalso fine,b,train\nstill,a,dev\n", bom: true);

        var splits = await LoadAsync(Table(path) with { SplitColumn = "split" });

        Assert.Equal("fine", splits.Train[0].Text);
        Assert.Single(splits.Validation);
    }

    [Fact]
    public async Task Blank_lines_are_skipped_and_crlf_line_ends_are_not_part_of_the_label()
    {
        var path = Write("crlf.tsv", "text\tlabel\tsplit\r\none\ta\ttrain\r\n\r\ntwo\tb\ttrain\r\nthree\ta\tval\r\n\r\n");

        var splits = await LoadAsync(Table(path) with { SplitColumn = "split" });

        Assert.Equal(["a", "b"], splits.LabelNames);
        Assert.Equal([new("one", 0), new("two", 1)], splits.Train);
        Assert.Equal([new LabeledSentence("three", 0)], splits.Validation);
    }

    [Fact]
    public async Task A_format_key_reads_a_file_whatever_its_extension()
    {
        var path = Write("export.txt", "text\tlabel\tsplit\none\ta\ttrain\ntwo\tb\ttrain\nthree\tb\tdev\n");

        var splits = await LoadAsync(Table(path) with { Format = Mlops.Data.Tables.TableFormat.Tsv, SplitColumn = "split" });

        Assert.Equal(2, splits.Train.Count);
    }
}
