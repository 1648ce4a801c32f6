namespace Mlops.Data.Tests.Tables;

/// <summary>
/// Bad input is one data error (exit code 3) naming the file, the row (the line a record starts on, as an editor numbers
/// it, header included) and the column, raised while loading, before any training.
/// </summary>
public sealed class TableInputErrorTests : TableTest
{
    [Fact]
    public async Task A_missing_file_is_named_with_the_key_that_names_it()
    {
        var path = Path.Combine(Dir, "nope.csv");

        var error = await FailsAsync(Table(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("does not exist", error.Message);
        Assert.Contains("data.path", error.Hint);
    }

    [Fact]
    public async Task An_unknown_extension_names_the_file_and_the_formats_read()
    {
        var path = Write("issues.xlsx", "text,label\n");

        var error = await FailsAsync(Table(path));

        Assert.StartsWith($"{path}: unknown table format '.xlsx'", error.Message);
        Assert.Contains("data.format", error.Hint);
    }

    [Fact]
    public async Task A_file_without_an_extension_needs_the_format_key()
    {
        var path = Write("issues", "text,label\n");

        var error = await FailsAsync(Table(path));

        Assert.Equal($"{path}: no extension to tell the table's format.", error.Message);
    }

    [Fact]
    public async Task A_validation_file_without_rows_is_not_replaced_by_a_drawn_split()
    {
        var train = Write("train.csv", Csv(40, "a", "b"));
        var validation = Write("validation.csv", "text,label\n\n");

        var error = await FailsAsync(Table(train) with { ValidationPath = validation });

        Assert.Equal($"{validation} holds no validation rows.", error.Message);
    }

    [Fact]
    public async Task A_missing_column_lists_the_columns_the_file_has_and_the_nearest()
    {
        var path = Write("issues.tsv", "ID\tArea\tTitle\tDescription\n1\tarea-System.Net\tUri\tbody\n");

        var error = await FailsAsync(Table(path) with { Text = ["Title", "Description"], Label = "Aera" });

        Assert.Equal($"{path}, line 1, column 'Aera': no such column; the columns are 'ID', 'Area', 'Title', 'Description'.", error.Message);
        Assert.Contains("Did you mean 'Area'?", error.Hint);
        Assert.Contains("data.label", error.Hint);
    }

    [Fact]
    public async Task A_row_with_too_few_fields_names_its_line_and_the_first_column_it_lacks()
    {
        var path = Write("t.csv", "text,label,source\nfine,a,x\nshort,b\n");

        var error = await FailsAsync(Table(path));

        Assert.StartsWith($"{path}, line 3, column 'source': missing; the row has 2 fields where the header has 3.", error.Message);
    }

    [Fact]
    public async Task A_row_with_too_many_fields_names_its_line_and_the_first_extra_field()
    {
        var path = Write("t.csv", "text,label\nfine,a\nHello, world,b\n");

        var error = await FailsAsync(Table(path));

        Assert.StartsWith($"{path}, line 3, column '#3': beyond the last column 'label'", error.Message);
        Assert.Contains("quoted", error.Hint);
    }

    [Fact]
    public async Task A_stray_quote_that_swallows_the_next_lines_is_named_where_it_starts()
    {
        var path = Write("t.tsv", "text\tlabel\nfine\ta\na 5\" screen\tb\nnext\ta\nlast\"\tb\n");

        var error = await FailsAsync(Table(path));

        Assert.StartsWith($"{path}, line 3, column 'text': a quote inside this unquoted field", error.Message);
        Assert.Contains("through line 5", error.Message);
    }

    [Fact]
    public async Task A_quoted_field_that_is_never_closed_names_its_line()
    {
        var path = Write("t.csv", "text,label\nfine,a\n\"open,b\nand on\n");

        var error = await FailsAsync(Table(path));

        Assert.StartsWith($"{path}, line 3, column 'text':", error.Message);
        Assert.Contains("never closed", error.Message);
    }

    [Fact]
    public async Task Line_numbers_count_the_lines_of_multi_line_records_before_them()
    {
        var path = Write("t.csv", "text,label\n\"first\nspans\nthree lines\",a\nsecond,\n");

        var error = await FailsAsync(Table(path));

        Assert.Equal($"{path}, line 5, column 'label': the label is empty.", error.Message);
    }

    [Fact]
    public async Task An_empty_text_names_its_line_and_column()
    {
        var path = Write("t.csv", "text,label\nfine,a\n  ,b\n");

        var error = await FailsAsync(Table(path));

        Assert.Equal($"{path}, line 3, column 'text': the text is empty.", error.Message);
    }

    [Fact]
    public async Task Joined_text_columns_that_are_all_empty_are_named_together()
    {
        var path = Write("t.csv", "title,body,label\nfine,,a\n,,b\n");

        var error = await FailsAsync(Table(path) with { Text = ["title", "body"] });

        Assert.Equal($"{path}, line 3, columns 'title', 'body': all empty, so the row has no text.", error.Message);
    }

    [Fact]
    public async Task An_empty_pair_text_names_its_line_and_column()
    {
        var path = Write("t.csv", "premise,hypothesis,label\nA man sleeps.,A person rests.,entailment\nA dog barks.,\"\",contradiction\n");

        var error = await FailsAsync(Table(path) with { Text = ["premise"], Pair = "hypothesis" });

        Assert.Equal($"{path}, line 3, column 'hypothesis': the pair text is empty.", error.Message);
    }

    [Fact]
    public async Task A_validation_label_not_seen_in_training_names_the_validation_row()
    {
        var train = Write("train.csv", Csv(10, "bug", "feature"));
        var validation = Write("validation.csv", "text,label\nok,bug\nwhat,question\n");

        var error = await FailsAsync(Table(Dir));

        Assert.Equal($"{validation}, line 3, column 'label': the validation label 'question' does not occur in the training rows (bug, feature).", error.Message);
        Assert.Contains("data.labels", error.Hint);
        Assert.True(File.Exists(train));
    }

    [Fact]
    public async Task A_label_outside_the_declared_labels_names_its_row()
    {
        var path = Write("t.csv", Csv(6, "bug", "feature") + "odd one,question\n");

        var error = await FailsAsync(Table(path) with { Labels = ["bug", "feature"] });

        Assert.Equal($"{path}, line 8, column 'label': the label 'question' is not one of data.labels (bug, feature).", error.Message);
    }

    [Fact]
    public async Task A_label_column_with_a_single_value_names_the_file_and_column()
    {
        var path = Write("t.csv", Csv(20, "bug"));

        var error = await FailsAsync(Table(path));

        Assert.Equal($"{path}, column 'label': every training row has the label 'bug'; a classifier needs at least two.", error.Message);
    }

    [Fact]
    public async Task An_empty_file_and_a_file_of_only_a_header_are_refused()
    {
        var empty = Write("empty.csv", "");
        var header = Write("header.csv", "text,label\n");

        Assert.Contains("is empty", (await FailsAsync(Table(empty))).Message);
        Assert.Contains("no training rows", (await FailsAsync(Table(header))).Message);
    }

    [Fact]
    public void A_whitespace_text_separator_or_no_text_column_is_a_config_error()
    {
        static IEnumerable<string> Invalid(DataOptions options) =>
            options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).SelectMany(r => r.MemberNames);

        Assert.Equal(["TextSeparator"], Invalid(new DataOptions { TextSeparator = "\t" }));
        Assert.Equal(["Text"], Invalid(new DataOptions { Text = [] }));
        Assert.Empty(Invalid(new DataOptions()));
    }
}
