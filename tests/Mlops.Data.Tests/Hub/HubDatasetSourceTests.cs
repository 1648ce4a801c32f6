using Mlops.Data.Hub;

namespace Mlops.Data.Tests.Hub;

// LocalHubServer is a real HTTP server (HttpListener on 127.0.0.1) standing in for huggingface.co, because this machine
// has no internet; it serves GLUE's card and parquet shards written here with GLUE's schema.
public sealed class HubDatasetSourceTests : IAsyncLifetime
{
    private const string Repo = "nyu-mll/glue";

    private readonly string _cache = Directory.CreateTempSubdirectory("mlops-hub-dataset-").FullName;
    private readonly LocalHubServer _server = new();

    public async Task InitializeAsync()
    {
        _server.AddText("README.md", GlueCard.Readme);
        // Two row groups in the first shard: rows are numbered and kept in order across row groups and shards.
        _server.AddFile("mrpc/train-00000-of-00002.parquet", await Pairs(GlueParquetFiles.PairTrain[..3], rowGroups: 2));
        _server.AddFile("mrpc/train-00001-of-00002.parquet", await Pairs(GlueParquetFiles.PairTrain[3..]));
        _server.AddFile("mrpc/validation-00000-of-00001.parquet", await Pairs(GlueParquetFiles.PairValidation));
        _server.AddFile("mrpc/test-00000-of-00001.parquet", await Pairs(GlueParquetFiles.PairValidation.Select(r => r with { Label = -1 }).ToList()));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_cache, recursive: true);
    }

    private static Task<byte[]> Pairs(IReadOnlyList<LabeledSentence> rows, int rowGroups = 1) =>
        GlueParquetFiles.WriteAsync(rows, rowGroups, textColumn: "sentence1", pairColumn: "sentence2");

    private static DataOptions Glue(string task) => new() { Name = "glue", Task = task, Validation = null };

    private static DataOptions Hub(string? subset = "mrpc") => new() { Name = "hub", Repo = Repo, Subset = subset, Text = ["sentence1"], Pair = "sentence2" };

    private Task<DatasetSplits> LoadAsync(DataOptions data, bool offline = false, LocalHubServer? server = null) =>
        DatasetCatalog.Resolve(data, new HubOptions { Endpoint = (server ?? _server).Endpoint, CacheDir = _cache, Offline = offline, Revision = (server ?? _server).Revision })
            .LoadAsync();

    private async Task<DataException> FailsAsync(DataOptions data, bool offline = false, LocalHubServer? server = null)
    {
        var error = await Assert.ThrowsAsync<DataException>(() => LoadAsync(data, offline, server));
        Assert.Equal(3, error.ExitCode);
        Assert.DoesNotContain('\n', error.Message);
        return error;
    }

    private string CachePath(string path)
    {
        using var http = new HttpClient();
        return new HuggingFaceHubClient(http, new HubOptions { CacheDir = _cache }).GetCachePath(Repo, "datasets", path);
    }

    [Fact]
    public async Task A_glue_pair_task_loads_both_texts_of_every_shard_in_order_with_the_card_s_label_names()
    {
        var splits = await LoadAsync(Glue("mrpc"));

        Assert.Equal("nyu-mll/glue:mrpc", splits.Name);
        Assert.Equal(["not_equivalent", "equivalent"], splits.LabelNames);
        Assert.Equal(GlueParquetFiles.PairTrain, splits.Train);
        Assert.Equal(["validation"], splits.ValidationParts.Keys);
        Assert.Equal(GlueParquetFiles.PairValidation, splits.Validation);
        Assert.Equal(
            [
                "/api/datasets/nyu-mll/glue/tree/main",
                "/datasets/nyu-mll/glue/resolve/main/README.md",
                "/api/datasets/nyu-mll/glue/tree/main/mrpc",
                "/datasets/nyu-mll/glue/resolve/main/mrpc/train-00000-of-00002.parquet",
                "/datasets/nyu-mll/glue/resolve/main/mrpc/train-00001-of-00002.parquet",
                "/datasets/nyu-mll/glue/resolve/main/mrpc/validation-00000-of-00001.parquet",
            ],
            _server.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task Mnli_validates_on_its_matched_split_and_reports_it_under_that_name()
    {
        _server.AddFile("mnli/train-00000-of-00001.parquet", await GlueParquetFiles.WriteAsync(
            [new("A man sleeps.", 2, "A man runs."), new("Two dogs play.", 0, "Animals play."), new("It rains.", 1, "It is cold.")],
            textColumn: "premise", pairColumn: "hypothesis"));
        _server.AddFile("mnli/validation_matched-00000-of-00001.parquet", await GlueParquetFiles.WriteAsync(
            [new("A cat eats.", 0, "An animal eats.")], textColumn: "premise", pairColumn: "hypothesis"));

        var splits = await LoadAsync(Glue("mnli"));

        Assert.Equal(["entailment", "neutral", "contradiction"], splits.LabelNames);
        Assert.Equal(["validation_matched"], splits.ValidationParts.Keys);
        Assert.Equal([new LabeledSentence("A cat eats.", 0, "An animal eats.")], splits.Validation);
    }

    [Fact]
    public async Task Glue_cola_is_the_same_dataset_as_data_cola()
    {
        _server.AddFile("cola/train-00000-of-00001.parquet", await GlueParquetFiles.WriteAsync(GlueParquetFiles.Train));
        _server.AddFile("cola/validation-00000-of-00001.parquet", await GlueParquetFiles.WriteAsync(GlueParquetFiles.Validation));

        var glue = await LoadAsync(Glue("cola"));
        var cola = await LoadAsync(new DataOptions { Name = "cola" });

        Assert.Equal(cola.Fingerprint(), glue.Fingerprint());
        Assert.Equal(["unacceptable", "acceptable"], glue.LabelNames);
    }

    [Fact]
    public async Task Offline_the_cache_gives_the_same_dataset_without_a_request_and_a_shard_it_lacks_is_named()
    {
        var online = await LoadAsync(Glue("mrpc"));
        var requests = _server.Requests.Count;

        var offline = await LoadAsync(Glue("mrpc"), offline: true);
        File.Delete(CachePath("mrpc/train-00001-of-00002.parquet"));
        var error = await FailsAsync(Glue("mrpc"), offline: true);

        Assert.Equal(online.Fingerprint(), offline.Fingerprint());
        Assert.Equal(online.LabelNames, offline.LabelNames);
        Assert.StartsWith("Offline mode is on", error.Message);
        Assert.EndsWith("lacks 1 of the 2 files of split 'train' of 'nyu-mll/glue' subset 'mrpc': 'mrpc/train-00001-of-00002.parquet'.", error.Message);
        Assert.Contains("HF_HUB_OFFLINE=0", error.Hint);
        Assert.Equal(requests, _server.Requests.Count);
    }

    [Fact]
    public async Task Offline_with_nothing_cached_names_the_card_it_lacks_and_how_to_download_it()
    {
        var error = await FailsAsync(Glue("mrpc"), offline: true);

        Assert.Contains("lacks the card of 'nyu-mll/glue' (README.md)", error.Message);
        Assert.Contains("HF_HUB_OFFLINE=0", error.Hint);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task An_unknown_subset_lists_the_card_s_subsets_and_the_nearest()
    {
        var error = await FailsAsync(Hub("mrcp"));

        Assert.Equal("'nyu-mll/glue' has no subset 'mrcp'; its subsets are cola, mnli, mrpc, stsb.", error.Message);
        Assert.Contains("Did you mean 'mrpc'?", error.Hint);
        Assert.Contains("data.subset", error.Hint);
    }

    [Fact]
    public async Task An_unknown_split_lists_the_subset_s_splits_and_the_nearest()
    {
        var error = await FailsAsync(Hub() with { Validation = "validaton" });

        Assert.Equal("'nyu-mll/glue' subset 'mrpc' has no split 'validaton'; its splits are train, validation, test.", error.Message);
        Assert.Contains("Did you mean 'validation'?", error.Hint);
        Assert.Contains("data.validation", error.Hint);
    }

    [Fact]
    public async Task An_unknown_repository_is_the_hub_s_answer_in_one_line()
    {
        var error = await FailsAsync(Hub() with { Repo = "nyu-mll/glu" });

        Assert.Contains("/api/datasets/nyu-mll/glu/tree/main", error.Message);
        Assert.Contains("404", error.Message);
        Assert.Contains("owner/name", error.Hint);
    }

    [Fact]
    public async Task A_missing_column_is_named_with_the_shard_s_hub_address()
    {
        var error = await FailsAsync(Hub() with { Text = ["sentence"] });

        Assert.Equal("hf://datasets/nyu-mll/glue/mrpc/train-00000-of-00002.parquet, column 'sentence': no such column; the columns are 'sentence1', 'sentence2', 'label', 'idx'.",
            error.Message);
        Assert.Contains("Did you mean 'sentence1'?", error.Hint);
    }

    [Fact]
    public async Task A_test_split_s_unlabelled_rows_are_refused_rather_than_learnt_as_a_class()
    {
        var error = await FailsAsync(Glue("mrpc") with { Validation = "test" });

        Assert.Equal("hf://datasets/nyu-mll/glue/mrpc/test-00000-of-00001.parquet, row 1, column 'label': the label -1 marks an unlabelled row (GLUE's test splits hold only -1).",
            error.Message);
    }

    [Fact]
    public async Task Glue_tasks_mlops_cannot_train_are_refused_with_the_reason()
    {
        var regression = await FailsAsync(Glue("stsb"));
        var typo = await FailsAsync(Glue("mrcp"));

        Assert.Contains("regression", regression.Message);
        Assert.Equal("'mrcp' is not a GLUE task.", typo.Message);
        Assert.Contains("Did you mean 'mrpc'?", typo.Hint);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Without_a_card_the_data_folder_is_read_and_data_labels_names_the_class_indices()
    {
        await using var server = new LocalHubServer("someone/reviews");
        server.AddFile("data/train-00000-of-00001.parquet", await GlueParquetFiles.WriteAsync(GlueParquetFiles.Train, textColumn: "text"));
        server.AddFile("data/validation-00000-of-00001.parquet", await GlueParquetFiles.WriteAsync(GlueParquetFiles.Validation, textColumn: "text"));
        var data = new DataOptions { Name = "hub", Repo = "someone/reviews", Labels = ["negative", "positive"] };

        var splits = await LoadAsync(data, server: server);

        Assert.Equal("someone/reviews", splits.Name);
        Assert.Equal(["negative", "positive"], splits.LabelNames);
        Assert.Equal(GlueParquetFiles.Train, splits.Train);
        Assert.Equal(GlueParquetFiles.Validation, splits.Validation);
    }

    [Fact]
    public async Task The_hub_s_parquet_conversion_branch_is_read_in_its_own_layout()
    {
        await using var server = new LocalHubServer("someone/reviews", revision: "refs/convert/parquet");
        server.AddFile("default/train/0000.parquet", await GlueParquetFiles.WriteAsync(GlueParquetFiles.Train[..4], textColumn: "text"));
        server.AddFile("default/train/0001.parquet", await GlueParquetFiles.WriteAsync(GlueParquetFiles.Train[4..], textColumn: "text"));
        server.AddFile("default/validation/0000.parquet", await GlueParquetFiles.WriteAsync(GlueParquetFiles.Validation, textColumn: "text"));
        var data = new DataOptions { Name = "hub", Repo = "someone/reviews", Labels = ["negative", "positive"] };

        var splits = await LoadAsync(data, server: server);
        var error = await FailsAsync(data with { Text = ["sentence"] }, server: server);

        Assert.Equal(GlueParquetFiles.Train, splits.Train);
        Assert.Equal(GlueParquetFiles.Validation, splits.Validation);
        Assert.StartsWith("hf://datasets/someone/reviews@refs%2Fconvert%2Fparquet/default/train/0000.parquet, column 'sentence': no such column", error.Message);
    }

    [Fact]
    public async Task A_split_stored_as_csv_points_to_the_hub_s_parquet_conversion()
    {
        await using var server = new LocalHubServer("someone/reviews");
        server.AddText("README.md", "---\nconfigs:\n- config_name: default\n  data_files:\n  - split: train\n    path: train.csv\n---\n");
        server.AddText("train.csv", "text,label\nfine,1\n");

        var error = await FailsAsync(new DataOptions { Name = "hub", Repo = "someone/reviews" }, server: server);

        Assert.Equal("'someone/reviews' subset 'default' stores split 'train' as CSV ('train.csv'); the hub dataset reads Parquet.", error.Message);
        Assert.Contains("data.revision=refs/convert/parquet", error.Hint);
    }
}
