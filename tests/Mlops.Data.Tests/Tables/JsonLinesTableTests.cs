namespace Mlops.Data.Tests.Tables;

/// <summary>JSON lines tables: one object per line, string or integer labels, null as empty, and one-line errors with the line number.</summary>
public sealed class JsonLinesTableTests : TableTest
{
    [Fact]
    public async Task Objects_with_integer_labels_are_read_and_the_labels_ordered_numerically()
    {
        var path = Write("t.jsonl",
            "{\"text\": \"ten\", \"label\": 10, \"split\": \"train\"}\n" +
            "\n" +
            "{\"text\": \"two\", \"label\": 2, \"split\": \"train\", \"extra\": [1, 2]}\n" +
            "{\"text\": \"minus one\\nwith a newline\", \"label\": -1, \"split\": \"train\"}\n" +
            "{\"text\": \"also two\", \"label\": 2, \"split\": \"validation\"}\n");

        var splits = await LoadAsync(Table(path) with { SplitColumn = "split" });

        Assert.Equal(["-1", "2", "10"], splits.LabelNames);
        Assert.Equal([new("ten", 2), new("two", 1), new("minus one\nwith a newline", 0)], splits.Train);
        Assert.Equal([new LabeledSentence("also two", 1)], splits.Validation);
    }

    [Fact]
    public async Task A_line_that_is_not_an_object_is_named()
    {
        var path = Write("t.jsonl", "{\"text\": \"a\", \"label\": \"x\"}\n[1, 2]\n");

        var error = await FailsAsync(Table(path));

        Assert.Equal($"{path}, line 2: a JSON array, not an object.", error.Message);
    }

    [Fact]
    public async Task A_line_that_is_not_json_is_named()
    {
        var path = Write("t.jsonl", "{\"text\": \"a\", \"label\": \"x\"}\n\n{\"text\": \"b\", label: \"y\"}\n");

        var error = await FailsAsync(Table(path));

        Assert.StartsWith($"{path}, line 3: not valid JSON", error.Message);
    }

    [Fact]
    public async Task A_field_of_the_wrong_type_is_named_with_its_line()
    {
        var path = Write("t.jsonl", "{\"text\": \"a\", \"label\": \"x\"}\n{\"text\": 5, \"label\": \"y\"}\n");
        var fraction = Write("f.jsonl", "{\"text\": \"a\", \"label\": 1.5}\n");

        Assert.Equal($"{path}, line 2, column 'text': the number 5, expected a string.", (await FailsAsync(Table(path))).Message);
        Assert.Equal($"{fraction}, line 1, column 'label': the number 1.5, expected a string or an integer.", (await FailsAsync(Table(fraction))).Message);
    }

    [Fact]
    public async Task A_missing_field_lists_the_fields_of_that_line()
    {
        var path = Write("t.jsonl", "{\"text\": \"a\", \"label\": \"x\"}\n{\"text\": \"b\", \"lable\": \"y\"}\n");

        var error = await FailsAsync(Table(path));

        Assert.Equal($"{path}, line 2, column 'label': no such column; the columns are 'text', 'lable'.", error.Message);
        Assert.Contains("Did you mean 'lable'?", error.Hint);
    }

    [Fact]
    public async Task A_null_label_is_an_empty_label()
    {
        var path = Write("t.jsonl", "{\"text\": \"a\", \"label\": \"x\"}\n{\"text\": \"b\", \"label\": null}\n");

        Assert.Equal($"{path}, line 2, column 'label': the label is empty.", (await FailsAsync(Table(path))).Message);
    }
}
