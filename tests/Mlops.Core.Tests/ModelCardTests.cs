using Mlops.Core;

namespace Mlops.Core.Tests;

public sealed class ModelCardTests : TempDirectoryTest
{
    [Fact]
    public async Task Round_trips_through_json()
    {
        var card = new ModelCard { Labels = ["no", "yes"], MaxLength = 64, Metrics = new Dictionary<string, double> { ["val_mcc"] = 0.4 } };
        var path = Path.Combine(Dir, "mlops.json");
        await card.WriteAsync(path);
        var back = await ModelCard.ReadAsync(path);
        Assert.Equal(card.Labels, back.Labels);
        Assert.Equal(64, back.MaxLength);
        Assert.Equal(0.4, back.Metrics["val_mcc"]);
        Assert.Contains("\"max_length\": 64", File.ReadAllText(path));
    }

    [Fact]
    public async Task Is_written_for_people_without_escaped_quotes_or_plus_signs()
    {
        var card = new ModelCard { Labels = ["\"no\"", "ja, schön"], MaxLength = 8, Dataset = "C++ <tickets> & more" };
        var path = Path.Combine(Dir, "mlops.json");
        await card.WriteAsync(path);
        var text = File.ReadAllText(path);
        Assert.DoesNotContain("\\u00", text);
        Assert.Contains("C++ <tickets> & more", text);
        Assert.Contains("schön", text);
        Assert.Equal(card.Labels, (await ModelCard.ReadAsync(path)).Labels);
    }

    [Fact]
    public async Task A_card_without_text_pair_is_a_single_text_model_and_only_a_pair_model_writes_it()
    {
        var path = Path.Combine(Dir, "mlops.json");
        File.WriteAllText(path, """{"format_version": 1, "labels": ["a","b"], "max_length": 8, "pooling": "mean"}""");
        Assert.False((await ModelCard.ReadAsync(path)).TextPair);

        await new ModelCard { Labels = ["a", "b"], MaxLength = 8 }.WriteAsync(path);
        Assert.DoesNotContain("text_pair", File.ReadAllText(path));
        await new ModelCard { Labels = ["a", "b"], MaxLength = 8, TextPair = true }.WriteAsync(path);
        Assert.Contains("\"text_pair\": true", File.ReadAllText(path));
        Assert.True((await ModelCard.ReadAsync(path)).TextPair);
    }

    [Fact]
    public async Task Data_versions_round_trip_and_a_card_without_them_still_loads_without_writing_the_key()
    {
        var version = new DataVersion("data/train.csv", "fdfb80969c9cfeebe099ac3ed45f2dc7", "data/train.csv.dvc", "5f4fd57", Dirty: true);
        var path = Path.Combine(Dir, "mlops.json");
        await new ModelCard { Labels = ["a", "b"], MaxLength = 8, Provenance = new RunProvenance { DataVersions = [version] } }.WriteAsync(path);
        Assert.Contains("\"dvc_file\": \"data/train.csv.dvc\"", File.ReadAllText(path));
        Assert.Equal([version], (await ModelCard.ReadAsync(path)).Provenance.DataVersions);

        File.WriteAllText(path, """{"labels": ["a","b"], "max_length": 8, "provenance": {"git_commit": "abc"}}""");
        var older = await ModelCard.ReadAsync(path);
        Assert.Equal(("abc", null), (older.Provenance.GitCommit, older.Provenance.DataVersions));
        await older.WriteAsync(path);
        Assert.DoesNotContain("data_versions", File.ReadAllText(path));
    }

    [Fact]
    public async Task A_newer_format_is_refused_with_an_upgrade_hint()
    {
        var path = Path.Combine(Dir, "mlops.json");
        File.WriteAllText(path, """{"format_version": 99, "labels": ["a","b"], "max_length": 8}""");
        var e = await Assert.ThrowsAsync<MlopsException>(() => ModelCard.ReadAsync(path));
        Assert.Contains("99", e.Message);
        Assert.Equal(ExitCodes.ModelError, e.ExitCode);
    }

    [Fact]
    public async Task Broken_json_names_the_file()
    {
        var path = Path.Combine(Dir, "mlops.json");
        File.WriteAllText(path, "{ not json");
        var e = await Assert.ThrowsAsync<MlopsException>(() => ModelCard.ReadAsync(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Incomplete_modelDirectory_names_the_missing_file()
    {
        File.WriteAllText(Path.Combine(Dir, ModelDirectory.ConfigFile), "{}");
        var e = Assert.Throws<MlopsException>(() => new ModelDirectory(Dir).EnsureComplete());
        Assert.Contains("vocab.txt", e.Message);
    }
}
