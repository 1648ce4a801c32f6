using Mlops.Cli.Tests.Hints;

namespace Mlops.Cli.Tests;

/// <summary>The hint checker flags references to options and keys that do not exist, and leaves other programs' flags and prose alone.</summary>
public sealed class HintReferenceCheckerTests
{
    private static readonly string Root = RepositoryRoot.Find();
    private static readonly CliOptionCatalog Cli = CliOptionCatalog.Load(Root);
    private static readonly HintReferenceChecker Checker = new(Cli, ConfigSchemaCatalog.Compose(Path.Combine(Root, "configs")));

    private static List<HintOffender> Check(string text, string? command = null, bool bench = false) =>
        [.. HintSources.SplitCodeSpans(TextFragment.OnLine("hint.txt", 1, text, command, bench)).SelectMany(Checker.Check)];

    [Theory]
    [InlineData("Pass --data-dir with the CoLA TSV files.", "--data-dir", "data.dir=")]
    [InlineData("Drop it, or use --dataset cola.", "--dataset", "data=")]
    [InlineData("or use --pretrained minilm for the embedded weights.", "--pretrained", "model.pretrained=")]
    [InlineData("offline mode is on (--offline or HF_HUB_OFFLINE=1)", "--offline", "data.offline=")]
    [InlineData("`--balance-classes` weights the cross-entropy", "--balance-classes", "model.balance_classes=")]
    [InlineData("as E, `--seed 1`", "--seed", "training.seed=")]
    [InlineData("Run `mlops train --bf16`.", "--bf16", "")]
    [InlineData("Set `data.dri=<DIR>`.", "data.dri=<DIR>", "data.dir=")]
    [InlineData("mlops train model=minilm trainng.lr=1e-5", "trainng.lr=1e-5", "training.lr=")]
    [InlineData("mlops train dataset=cola", "dataset=cola", "")]
    [InlineData("Pick `data=imdb`.", "data=imdb", "data=")]
    [InlineData("mlops train -m model=tiny,bert", "model=tiny,bert", "model=")]
    [InlineData("mlops train ~training.limit_val_batch", "~training.limit_val_batch", "training.limit_val_batches=")]
    [InlineData("a misspelt `mlops.run.dri`", "mlops.run.dri", "mlops.run.dir=")]
    [InlineData("Continue it with mlops evaluate --resume <run>.", "--resume", "")]
    [InlineData("dotnet run --project src/Mlops.Cli -c Release -- train --data-dir x", "--data-dir", "")]
    public void Flags_a_reference_that_names_nothing(string text, string reference, string closest)
    {
        var offender = Assert.Single(Check(text));
        Assert.Equal(reference, offender.Reference);
        Assert.StartsWith(closest, offender.Closest);
    }

    [Theory]
    [InlineData("Set data.dir=<folder> (or MLOPS_COLA_DIR), or pass data=synthetic.")]
    [InlineData("mlops train model=minilm data=cola training=cola model.precision=bfloat16 model.balance_classes=true training.seed=7")]
    [InlineData("mlops train -m training.lr=1e-5,3e-5 model=tiny,minilm ~training.limit_val_batches +tracking=jsonl")]
    [InlineData("`mlops train --resume <run folder>` and `mlops evaluate --model outputs/latest`; `--fail-fast` needs `-m`.")]
    [InlineData("Run `mlops --help` or `mlops <command> --help` for the options.")]
    [InlineData("`mlops config show --raw -p training`, `+training.extra=1`, `a=1,2,3`, `lr=abc`, `${training.lr}`")]
    [InlineData("`mlops bench train --data-dir ../shared/data/cola --skip-epoch`")]
    [InlineData("Check data.dir (for mlops bench train, --data-dir): it must hold the CoLA TSV files.")]
    [InlineData("dotnet run --project src/Mlops.Cli -c Release -- train model=minilm && dotnet test Mlops.slnx --no-build")]
    [InlineData("Install: apt-get install -y python3-torch; `dotnet format --verify-no-changes`; `torch_bert.py --batch 64 --seq 128`")]
    [InlineData("git log --oneline; pip install --user x; sed -n 1,2p; grep -rn -- --data-dir src; see https://example.com/?a--b=c")]
    [InlineData("deploy/build-image.sh --tag x:dev; podman run -d --init x; skopeo inspect --raw y; wrk -t2 -c16 z; promtool check config p.yml")]
    [InlineData("`mlops.json`, `model.safetensors`, `config.json`, model.layers/hidden, ~23 tokens, ~/.cache, -1 suffix, yyyy-MM-dd")]
    public void Accepts_what_exists_and_what_is_not_mlops(string text) =>
        Assert.Empty(Check(text));

    [Fact]
    public void Benchmark_options_count_only_in_benchmark_context()
    {
        Assert.Single(Check("Pass --data-dir <DIR>."));
        Assert.Empty(Check("Pass --data-dir <DIR>.", bench: true));
        Assert.Empty(Check("Pass --data-dir to mlops bench train."));
    }

    [Fact]
    public void A_literal_in_a_command_file_is_checked_against_that_command()
    {
        Assert.Empty(Check("--resume continues one run", command: "train"));
        var offender = Assert.Single(Check("--resume continues one run", command: "evaluate"));
        Assert.Contains("mlops train", offender.Problem);
    }

    [Theory]
    [InlineData("mlops evaluate --checkpoint outputs/latest")]
    [InlineData("Pass the model with `-c`.")]
    public void An_old_name_kept_for_scripts_is_not_taught(string text)
    {
        var offender = Assert.Single(Check(text));
        Assert.Contains("old name kept out of the help", offender.Problem);
        Assert.Contains("mlops evaluate", offender.Problem);
    }

    [Fact]
    public void The_command_that_keeps_an_old_name_may_answer_its_use() =>
        Assert.Empty(Check("--checkpoint is the old name of --model; give --model alone.", command: "evaluate"));

    private static CliOption Option(string command, string property, string name, string? description = null, bool hidden = false) =>
        new(command, property, [name], [], description, hidden);

    [Fact]
    public void A_concept_spelt_two_ways_is_flagged_and_a_hidden_old_name_or_a_benchmark_is_not()
    {
        var offender = Assert.Single(OptionConcepts.SpelledTwoWays([
            Option("evaluate", "Checkpoint", "--checkpoint", "A model folder (default: serving.model_dir)."),
            Option("predict", "Model", "--model", "A model folder (default: serving.model_dir, the latest run)."),
            Option("export", "Model", "--model", "A model folder (default: serving.model_dir, the latest run)."),
            Option("evaluate", "Old", "-c", "(default: serving.model_dir)", hidden: true),
            Option("bench drift", "Model", "--served", "(default: serving.model_dir)"),
            Option("runs export", "Output", "--output"),
            Option("predict", "Output", "--output")]));

        Assert.Equal("'serving.model_dir' is spelt --checkpoint (mlops evaluate) and --model (mlops export, mlops predict)", offender);
    }

    [Fact]
    public void An_option_that_spells_a_config_key_it_does_not_stand_for_is_flagged()
    {
        var keys = new HashSet<string> { "serving", "serving.port", "serving.engine", "data", "data.name", "mlops", "mlops.run", "mlops.run.dir" };

        var offender = Assert.Single(OptionConcepts.SecondSpellingsOfKeys([
            Option("ui", "Port", "--port", "Port to listen on; 0 picks a free one."),
            Option("predict", "Engine", "--engine", "onnx or torch (default: serving.engine)."),
            Option("models list", "Name", "--name", "The registered model."),
            Option("runs show", "Run", "--run", "A run id.")], keys));

        Assert.StartsWith("`mlops ui --port` is a second spelling of serving.port", offender);
    }
}
