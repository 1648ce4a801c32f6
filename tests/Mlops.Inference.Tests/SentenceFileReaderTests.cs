using Mlops.Core;
using Mlops.Inference.Files;
using Mlops.Tests;

namespace Mlops.Inference.Tests;

public sealed class SentenceFileReaderTests : TempDirectoryTest
{
    private async Task<List<InputRow>> ReadAsync(string name, string content, string column = "sentence", string? pairColumn = null)
    {
        var path = Path.Combine(Dir, name);
        await File.WriteAllTextAsync(path, content);
        var rows = new List<InputRow>();
        await foreach (var row in SentenceFileReader.ReadAsync(path, new InputColumns([column], Pair: pairColumn))) rows.Add(row);
        return rows;
    }

    [Fact]
    public async Task Text_files_give_one_sentence_per_line_and_skip_blank_lines()
    {
        var rows = await ReadAsync("in.txt", "first one.\n\n  \nsecond, with a comma.\r\nthird\n");
        Assert.Equal([(1L, "first one."), (4L, "second, with a comma."), (5L, "third")], rows.Select(r => (r.Line, r.Text!)));
    }

    [Fact]
    public async Task Csv_reads_the_named_column_with_quotes_commas_and_line_breaks()
    {
        var rows = await ReadAsync("in.csv", "id,Sentence\n1,\"a, b\"\n2,\"two\nlines\"\n3\n4,plain\n");
        Assert.Equal((2L, "a, b"), (rows[0].Line, rows[0].Text));
        Assert.Equal((3L, "two\nlines"), (rows[1].Line, rows[1].Text));
        Assert.Equal((5L, null), (rows[2].Line, rows[2].Text));
        Assert.Contains("1 field(s)", rows[2].Error);
        Assert.Equal((6L, "plain"), (rows[3].Line, rows[3].Text));
    }

    [Fact]
    public async Task Tsv_splits_on_tabs()
    {
        var rows = await ReadAsync("in.tsv", "sentence\tlabel\nit rains, today.\t1\n");
        Assert.Equal("it rains, today.", Assert.Single(rows).Text);
    }

    [Fact]
    public async Task Jsonl_rows_that_cannot_be_read_are_reported_by_line_and_the_rest_still_come()
    {
        var rows = await ReadAsync("in.jsonl", "{\"text\":\"ok one\"}\n{\"text\":3}\n\nnot json\n[1]\n{\"text\":\"ok two\"}\n", column: "text");
        Assert.Equal([(1L, "ok one", (string?)null), (2L, null, "no string field 'text'"), (4L, null, "not JSON"), (5L, null, "not a JSON object"), (6L, "ok two", null)],
            rows.Select(r => (r.Line, r.Text, r.Error?.Split(" (")[0])));
    }

    [Fact]
    public async Task Pairs_come_from_a_second_column_or_field_and_a_row_without_one_is_unreadable()
    {
        var csv = await ReadAsync("in.csv", "sentence1,label,sentence2\n\"a, b\",1,c\nd,0\n", column: "sentence1", pairColumn: "Sentence2");
        Assert.Equal((2L, "a, b", "c"), (csv[0].Line, csv[0].Text, csv[0].Pair));
        Assert.Equal((3L, null), (csv[1].Line, csv[1].Text));
        Assert.Contains("2 field(s), the column 'Sentence2' is field 3", csv[1].Error);
        var jsonl = await ReadAsync("in.jsonl", "{\"text\":\"a\",\"text_pair\":\"b\"}\n{\"text\":\"c\"}\n", column: "text", pairColumn: "text_pair");
        Assert.Equal([("a", "b", (string?)null), (null, null, "no string field 'text_pair'")], jsonl.Select(r => (r.Text, r.Pair, r.Error)));
        Assert.All(await ReadAsync("single.csv", "sentence,text_pair\na,b\n"), r => Assert.Null(r.Pair));
    }

    [Fact]
    public async Task Several_text_columns_are_joined_as_training_joins_them_leaving_blank_ones_out()
    {
        var columns = new InputColumns(["Title", "Description"], " | ");
        var path = Path.Combine(Dir, "issues.tsv");
        await File.WriteAllTextAsync(path, "ID\tTitle\tDescription\n1\tHttpClient hangs\t\"on a redirect,\nalways\"\n2\tNo body\t \n3\t\tOnly a body\n");
        var tsv = new List<InputRow>();
        await foreach (var row in SentenceFileReader.ReadAsync(path, columns)) tsv.Add(row);
        Assert.Equal(["HttpClient hangs | on a redirect,\nalways", "No body", "Only a body"], tsv.Select(r => r.Text));
        Assert.Equal([2L, 4L, 5L], tsv.Select(r => r.Line));

        var jsonl = Path.Combine(Dir, "issues.jsonl");
        await File.WriteAllTextAsync(jsonl, "{\"Title\":\"a\",\"Description\":\"b\"}\n{\"Title\":\"c\"}\n");
        var rows = new List<InputRow>();
        await foreach (var row in SentenceFileReader.ReadAsync(jsonl, columns)) rows.Add(row);
        Assert.Equal([("a | b", (string?)null), (null, "no string field 'Description'")], rows.Select(r => (r.Text, r.Error)));
    }

    [Theory]
    [InlineData("in.csv", "sentence,text\n1,a\n", "has no column 'text_pair' (its columns: sentence, text)", "--pair-column")]
    [InlineData("in.txt", "a\n", "has one text a line, but the model classifies sentence pairs", "--pair-column")]
    public async Task A_file_without_second_texts_fails_for_pairs_with_one_line_naming_the_option(string name, string content, string expected, string option)
    {
        var error = await Assert.ThrowsAsync<MlopsException>(() => ReadAsync(name, content, pairColumn: "text_pair"));
        Assert.Contains(name, error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Contains(option, error.Hint);
        Assert.Equal(ExitCodes.DataError, error.ExitCode);
    }

    [Theory]
    [InlineData("in.csv", "id,text\n1,a\n", "has no column 'sentence' (its columns: id, text)")]
    [InlineData("in.txt", "\n\n", "has no sentences")]
    [InlineData("in.xlsx", "x", "has extension '.xlsx'")]
    public async Task Unusable_files_fail_with_one_line_naming_the_file(string name, string content, string expected)
    {
        var error = await Assert.ThrowsAsync<MlopsException>(() => ReadAsync(name, content));
        Assert.Contains(name, error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Equal(ExitCodes.DataError, error.ExitCode);
    }
}
