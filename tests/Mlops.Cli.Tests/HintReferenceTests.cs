using Mlops.Cli.Tests.Hints;

namespace Mlops.Cli.Tests;

/// <summary>Every option, config key and group choice that the program's messages, help and docs tell a user to type exists today.</summary>
public sealed class HintReferenceTests
{
    private static readonly string Root = RepositoryRoot.Find();
    private static readonly CliOptionCatalog Cli = CliOptionCatalog.Load(Root);
    private static readonly ConfigSchemaCatalog Config = ConfigSchemaCatalog.Compose(Path.Combine(Root, "configs"));

    [Fact]
    public void Every_hint_names_an_option_or_config_key_that_exists()
    {
        var checker = new HintReferenceChecker(Cli, Config);
        var offenders = HintSources.Read(Root, Cli).SelectMany(checker.Check).Distinct().ToList();

        Assert.True(offenders.Count == 0,
            $"{offenders.Count} reference(s) to options or config keys that mlops does not accept:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void Every_concept_has_one_spelling_across_the_commands()
    {
        var offenders = OptionConcepts.SpelledTwoWays(Cli.Declared).Concat(OptionConcepts.SecondSpellingsOfKeys(Cli.Declared, Config.Keys)).ToList();

        Assert.True(offenders.Count == 0, $"{offenders.Count} concept(s) spelt two ways:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void The_scan_reads_the_sources_and_knows_the_commands_and_the_schema()
    {
        var files = HintSources.Read(Root, Cli).Select(f => f.File).ToHashSet();

        Assert.Contains("src/Mlops.Data/Cola/ColaFolderSource.cs", files);
        Assert.Contains("README.md", files);
        Assert.Contains("docs/configuration.md", files);
        Assert.Contains("configs/training/cola.yaml", files);
        Assert.Contains("--resume", Cli.Commands["train"].Options);
        Assert.Contains("--model", Cli.Commands["evaluate"].Options);
        Assert.True(Cli.IsHidden("--checkpoint", "evaluate"));
        Assert.Contains(Cli.Declared, o => o is { Command: "predict", Property: "Model", Hidden: false } && o.Description!.Contains("(default: serving.model_dir"));
        Assert.Contains("--data-dir", Cli.Commands["bench train"].Options);
        Assert.DoesNotContain("--data-dir", Cli.General);
        Assert.Contains("data.dir", Config.Keys);
        Assert.Contains("mlops.run.dir", Config.Keys);
        Assert.Contains("model.balance_classes", Config.Keys);
        Assert.Contains("ui.port", Config.Keys);
        Assert.Equal(["minilm", "tiny"], Config.Groups["model"]);
    }
}
