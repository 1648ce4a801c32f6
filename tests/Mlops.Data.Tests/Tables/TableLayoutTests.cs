namespace Mlops.Data.Tests.Tables;

/// <summary>Where a table's splits come from: a split column, one file per split, or a folder of train.* and validation.* (dev.*).</summary>
public sealed class TableLayoutTests : TableTest
{
    [Fact]
    public async Task A_split_column_routes_each_row_and_skips_other_values()
    {
        var path = Write("t.csv", "text,label,set\na,x,train\nb,y,TRAIN\nc,x,test\nd,y,validation\ne,x,dev\nf,y,unlabeled\n");

        var splits = await LoadAsync(Table(path) with { SplitColumn = "set" });

        Assert.Equal(["a", "b"], splits.Train.Select(s => s.Text));
        Assert.Equal(["d", "e"], splits.Validation.Select(s => s.Text));
        Assert.Equal(["validation"], splits.ValidationParts.Keys);
    }

    [Fact]
    public async Task An_empty_split_value_names_its_row()
    {
        var path = Write("t.csv", "text,label,set\na,x,train\nb,y,\n");

        var error = await FailsAsync(Table(path) with { SplitColumn = "set" });

        Assert.StartsWith($"{path}, line 3, column 'set': the split is empty.", error.Message);
    }

    [Fact]
    public async Task A_split_column_with_no_training_rows_says_which_values_it_skipped()
    {
        var path = Write("t.csv", "text,label,set\na,x,test\nb,y,holdout\n");

        var error = await FailsAsync(Table(path) with { SplitColumn = "set" });

        Assert.Contains("2 rows skipped for their split: 'holdout', 'test'", error.Message);
    }

    [Fact]
    public async Task One_file_per_split_in_different_formats()
    {
        var train = Write("train.csv", "text,label\na,x\nb,y\n");
        var validation = Write("held.jsonl", "{\"text\": \"c\", \"label\": \"y\"}\n");

        var splits = await LoadAsync(Table(train) with { ValidationPath = validation });

        Assert.Equal(2, splits.Train.Count);
        Assert.Equal([new LabeledSentence("c", 1)], splits.Validation);
    }

    [Theory]
    [InlineData("validation.tsv")]
    [InlineData("dev.tsv")]
    public async Task A_folder_holds_train_and_a_validation_or_dev_file(string validationName)
    {
        Write("train.tsv", "text\tlabel\na\tx\nb\ty\n");
        Write(validationName, "text\tlabel\nc\tx\n");
        Write("test.tsv", "text\tlabel\nd\tz\n");
        Write("README.md", "not a table");

        var splits = await LoadAsync(Table(Dir + Path.DirectorySeparatorChar));

        Assert.Equal(["a", "b"], splits.Train.Select(s => s.Text));
        Assert.Equal(["c"], splits.Validation.Select(s => s.Text));
        Assert.Equal(Path.GetFileName(Dir), splits.Name);
    }

    [Fact]
    public async Task A_folder_without_a_train_file_lists_what_it_holds()
    {
        Write("training.csv", Csv(4, "a", "b"));

        var error = await FailsAsync(Table(Dir));

        Assert.Equal($"Data folder '{Dir}' holds no train.* file (found: training.csv).", error.Message);
    }

    [Fact]
    public async Task A_folder_with_two_train_files_is_ambiguous()
    {
        Write("train.csv", Csv(4, "a", "b"));
        Write("train.jsonl", "{\"text\": \"c\", \"label\": \"y\"}\n");

        var error = await FailsAsync(Table(Dir));

        Assert.Contains("train.csv, train.jsonl", error.Message);
    }

    [Fact]
    public async Task Several_text_columns_are_joined_with_the_separator_and_a_pair_column_fills_the_pair()
    {
        var path = Write("t.csv", "q1,q2,title,duplicate\nHow old are you?,What is your age?,age,1\nWhere?,When?,,0\n");
        var validation = Write("v.csv", "q1,q2,title,duplicate\nA?,B?,t,0\n");

        var joined = await LoadAsync(Table(path) with { ValidationPath = validation, Text = ["title", "q1"], TextSeparator = ". ", Label = "duplicate" });
        var pairs = await LoadAsync(Table(path) with { ValidationPath = validation, Text = ["q1"], Pair = "q2", Label = "duplicate" });

        Assert.Equal([new("age. How old are you?", 1), new("Where?", 0)], joined.Train);
        Assert.Equal([new("How old are you?", 1, "What is your age?"), new("Where?", 0, "When?")], pairs.Train);
        Assert.Equal([new LabeledSentence("A?", 0, "B?")], pairs.Validation);
    }
}
