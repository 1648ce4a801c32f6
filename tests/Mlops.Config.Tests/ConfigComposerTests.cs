using Mlops.Config.Tree;

namespace Mlops.Config.Tests;

public sealed class ConfigComposerTests : ConfigFolderTest
{
    public ConfigComposerTests()
    {
        Write("config.yaml", """
            defaults:
              - model: tiny
              - training: default
            name: demo
            training:
              epochs: 3
            """);
        Write("model/tiny.yaml", "layers: 2\nhidden: 32\nid: 'abc'\n");
        Write("model/minilm.yaml", "layers: 6\nhidden: 384\nid: 'abc'\n");
        Write("training/default.yaml", "lr: 1.0e-4\nepochs: 5\nlimit_val_batches: 0\nuse_amp: false\ntags: [a, b]\n");
        Write("training/fast.yaml", "lr: 1.0e-3\nepochs: 1\nlimit_val_batches: 2\nuse_amp: false\ntags: []\n");
        Write("tracking/file.yaml", "path: metrics.jsonl\n");
    }

    [Fact]
    public void Defaults_list_merges_each_group_under_its_name_and_the_file_itself_last()
    {
        var config = Compose();

        Assert.Equal("2", Scalar(config.Root, "model.layers").Text);
        Assert.Equal("1.0e-4", Scalar(config.Root, "training.lr").Text);
        Assert.Equal("3", Scalar(config.Root, "training.epochs").Text); // _self_ is last: the primary file wins
        Assert.Equal(new Dictionary<string, string> { ["model"] = "tiny", ["training"] = "default" }, config.Choices);
        Assert.Null(config.Root["defaults"]);
    }

    [Fact]
    public void Self_listed_first_lets_the_defaults_win()
    {
        Write("config.yaml", "defaults:\n  - _self_\n  - training: default\ntraining:\n  epochs: 3\n");

        Assert.Equal("5", Scalar(Compose().Root, "training.epochs").Text);
    }

    [Fact]
    public void Group_override_picks_another_option()
    {
        var config = Compose("model=minilm", "training=fast");

        Assert.Equal("384", Scalar(config.Root, "model.hidden").Text);
        Assert.Equal("minilm", config.Choices["model"]);
        Assert.Equal("3", Scalar(config.Root, "training.epochs").Text);
        Assert.Equal("2", Scalar(config.Root, "training.limit_val_batches").Text);
    }

    [Fact]
    public void Unknown_group_option_lists_the_available_ones_and_the_closest()
    {
        var error = Assert.Throws<ConfigException>(() => Compose("model=minlm"));

        Assert.Contains("Could not find 'model/minlm'", error.Message);
        Assert.Equal("Valid options in 'model': minilm, tiny. Did you mean 'minilm'?", error.Hint);
    }

    [Fact]
    public void Groups_can_be_added_and_removed()
    {
        var added = Compose("+tracking=file");
        Assert.Equal("metrics.jsonl", Scalar(added.Root, "tracking.path").Text);
        Assert.Equal("file", added.Choices["tracking"]);

        var removed = Compose("~model");
        Assert.Null(removed.Root["model"]);
        Assert.False(removed.Choices.ContainsKey("model"));
    }

    [Fact]
    public void Changing_a_group_the_defaults_do_not_choose_suggests_adding_it()
    {
        var error = Assert.Throws<ConfigException>(() => Compose("tracking=file"));

        Assert.Contains("defaults list does not choose it", error.Message);
        Assert.Equal("To add it use +tracking=file.", error.Hint);
    }

    [Fact]
    public void Adding_a_group_the_defaults_already_choose_suggests_dropping_the_plus()
    {
        var error = Assert.Throws<ConfigException>(() => Compose("+model=minilm"));

        Assert.Contains("already chooses 'tiny'", error.Message);
        Assert.Contains("model=minilm", error.Hint);
    }

    [Fact]
    public void Value_overrides_change_add_force_and_delete()
    {
        var config = Compose("training.lr=3e-5", "+training.extra=1", "++training.epochs=9", "++model.dropout=0.2", "~training.limit_val_batches");

        Assert.Equal(("3e-5", ScalarKind.Float), (Scalar(config.Root, "training.lr").Text, Scalar(config.Root, "training.lr").Kind));
        Assert.Equal(ScalarKind.Int, Scalar(config.Root, "training.extra").Kind);
        Assert.Equal("9", Scalar(config.Root, "training.epochs").Text);
        Assert.Equal("0.2", Scalar(config.Root, "model.dropout").Text);
        Assert.Null(ConfigPath.Find(config.Root, "training.limit_val_batches"));
    }

    [Fact]
    public void Overrides_apply_left_to_right()
    {
        Assert.Equal("7", Scalar(Compose("training.epochs=6", "training.epochs=7").Root, "training.epochs").Text);
    }

    [Fact]
    public void Values_are_coerced_to_the_declared_type()
    {
        var config = Compose("model.id=1_1_1", "training.lr=1", "training.use_amp=TRUE", "model.id=123");

        Assert.Equal((ScalarKind.String, "123"), (Scalar(config.Root, "model.id").Kind, Scalar(config.Root, "model.id").Text));
        Assert.Equal(ScalarKind.Float, Scalar(config.Root, "training.lr").Kind);
        Assert.Equal(ScalarKind.Bool, Scalar(config.Root, "training.use_amp").Kind);
    }

    [Theory]
    [InlineData("training.lr=abc", "Expected a float at 'training.lr', got the string 'abc'")]
    [InlineData("training.epochs=2.5", "Expected an int at 'training.epochs', got the float 2.5")]
    [InlineData("training.use_amp=yes", "Expected a bool at 'training.use_amp', got the string 'yes'")]
    [InlineData("training.tags=x", "Expected a list at 'training.tags', got the string 'x'")]
    [InlineData("training=[1]", "Group 'training' takes an option name, not a list")]
    public void Values_of_the_wrong_type_are_refused(string o, string message)
    {
        var error = Assert.Throws<ConfigException>(() => Compose(o));

        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void Wrong_type_error_points_at_the_declaring_file_line_and_column()
    {
        var error = Assert.Throws<ConfigException>(() => Compose("training.lr=abc"));

        Assert.Contains($"{Path.Combine(Dir, "training/default.yaml")}:1:5", error.Hint);
    }

    [Fact]
    public void A_typo_gets_did_you_mean_and_never_the_advice_to_add_it()
    {
        var error = Assert.Throws<ConfigException>(() => Compose("training.lrr=1e-3"));

        Assert.Contains("Could not override 'training.lrr'", error.Message);
        Assert.Equal("Did you mean 'training.lr'?", error.Hint);
        Assert.DoesNotContain("+", error.Hint);
    }

    [Fact]
    public void A_new_key_far_from_any_existing_one_gets_the_advice_to_add_it()
    {
        var error = Assert.Throws<ConfigException>(() => Compose("training.scheduler=cosine"));

        Assert.Equal("To add a new key use +training.scheduler=cosine.", error.Hint);
    }

    [Fact]
    public void Adding_an_existing_key_explains_both_fixes()
    {
        var error = Assert.Throws<ConfigException>(() => Compose("+training.lr=1"));

        Assert.Contains("already exists", error.Message);
        Assert.Contains("training.lr=1", error.Hint);
        Assert.Contains("++training.lr=1", error.Hint);
    }

    [Fact]
    public void Delete_with_a_value_checks_it()
    {
        Assert.Null(ConfigPath.Find(Compose("~training.epochs=3").Root, "training.epochs"));
        var error = Assert.Throws<ConfigException>(() => Compose("~training.epochs=4"));
        Assert.Contains("holds the int 3, not the int 4", error.Message);
    }

    [Fact]
    public void A_sweep_without_multirun_says_to_add_m()
    {
        var error = Assert.Throws<ConfigException>(() => Compose("training.lr=1e-5,3e-5"));

        Assert.Contains("sweep over 2 values", error.Message);
        Assert.Contains("-m", error.Hint);
        Assert.Throws<ConfigException>(() => Compose("model=tiny,minilm"));
    }

    [Fact]
    public void Group_options_have_defaults_lists_of_their_own()
    {
        Write("model/tiny.yaml", "defaults:\n  - encoder: small\nlayers: 2\n");
        Write("model/encoder/small.yaml", "width: 32\n");
        Write("model/encoder/large.yaml", "width: 1024\n");

        Assert.Equal("32", Scalar(Compose().Root, "model.encoder.width").Text);
        var config = Compose("model/encoder=large");
        Assert.Equal("1024", Scalar(config.Root, "model.encoder.width").Text);
        Assert.Equal("large", config.Choices["model/encoder"]);
    }

    [Fact]
    public void A_defaults_cycle_is_reported_with_its_path()
    {
        Write("config.yaml", "defaults:\n  - base\n");
        Write("base.yaml", "defaults:\n  - config\n");

        var error = Assert.Throws<ConfigException>(() => Compose());

        Assert.Contains("Defaults cycle: config -> base -> config", error.Message);
    }

    [Fact]
    public void A_mandatory_group_must_be_chosen_on_the_command_line()
    {
        Write("config.yaml", "defaults:\n  - model: ???\n");

        var error = Assert.Throws<ConfigException>(() => Compose());
        Assert.Contains("No option chosen for group 'model'", error.Message);
        Assert.Contains("minilm, tiny", error.Hint);
        Assert.Equal("6", Scalar(Compose("model=minilm").Root, "model.layers").Text);
    }

    [Fact]
    public void Yaml_syntax_errors_name_file_line_and_column()
    {
        Write("training/default.yaml", "lr: 1e-4\nepochs: [1, 2\n");

        var error = Assert.Throws<ConfigException>(() => Compose());

        Assert.Matches(@"YAML syntax error at .*training/default\.yaml:\d+:\d+: ", error.Message);
    }

    [Fact]
    public void A_missing_primary_config_names_the_folder()
    {
        File.Delete(Path.Combine(Dir, "config.yaml"));

        var error = Assert.Throws<ConfigException>(() => Compose());

        Assert.Contains($"Primary config 'config' not found in '{Dir}'", error.Message);
        Assert.Contains("--config-dir", error.Hint);
    }
}
