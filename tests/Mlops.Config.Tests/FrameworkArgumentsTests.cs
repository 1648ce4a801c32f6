using Mlops.Config.Hosting;
using Mlops.Config.Yaml;
using Mlops.Core;

namespace Mlops.Config.Tests;

/// <summary>A host without a command framework takes the framework options the way mlops's commands do, anywhere among its overrides.</summary>
public sealed class FrameworkArgumentsTests
{
    private static FrameworkArguments Parse(params string[] args) => FrameworkArguments.Parse(args, "mlops-serve", "serve");

    [Fact]
    public void Options_may_come_anywhere_among_the_overrides_in_either_spelling()
    {
        var parsed = Parse("serving.port=9000", "--config-dir", "/etc/mlops", "--cfg", "--config-name=prod", "~serving.host");

        Assert.Equal(new ConfigSource("/etc/mlops", "prod"), parsed.Source);
        Assert.True(parsed.PrintConfig);
        Assert.False(parsed.Help);
        Assert.False(parsed.Version);
        Assert.Equal(["serving.port=9000", "~serving.host"], parsed.Overrides);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_has_both_spellings(string option) => Assert.True(Parse("serving.port=1", option).Help);

    [Fact]
    public void Without_options_the_hosts_primary_config_is_read() =>
        Assert.Equal(new ConfigSource(null, "serve"), Parse("a=1").Source);

    [Theory]
    [InlineData("Unknown option '--config-dri'.", "Did you mean '--config-dir'?", "--config-dri", "x")]
    [InlineData("Unknown option '--port'.", "Run `mlops-serve --help`", "--port", "9000")]
    [InlineData("--config-dir needs a value.", "Run `mlops-serve --help`", "--config-dir")]
    [InlineData("--config-name needs a value.", "Run `mlops-serve --help`", "--config-name", "--cfg")]
    [InlineData("--cfg takes no value.", "Run `mlops-serve --help`", "--cfg=yes")]
    public void A_wrong_option_is_one_line_with_a_hint_and_exit_2(string message, string hint, params string[] args)
    {
        var error = Assert.Throws<MlopsException>(() => Parse(args));
        Assert.Equal(message, error.Message);
        Assert.Contains(hint, error.Hint);
        Assert.Equal(ExitCodes.UserError, error.ExitCode);
    }

    [Fact]
    public void Help_lists_the_options_and_every_key_with_its_default_but_not_the_programs_own_section()
    {
        var config = YamlConfigReader.Read("serving:\n  port: 8000\n  model_dir: null\nmlops:\n  run:\n    dir: x\n", "test");
        using var writer = new StringWriter();

        FrameworkArguments.WriteHelp(writer, "mlops-serve: serves.\n", config);

        var help = writer.ToString();
        Assert.StartsWith("mlops-serve: serves.\n\nOPTIONS:\n", help);
        foreach (var option in new[] { "-h, --help", "--version", "--config-dir <DIR>", "--config-name <NAME>", "--cfg" })
            Assert.Contains(option, help);
        Assert.Contains("    serving.port=8000\n", help);
        Assert.Contains("    serving.model_dir=null\n", help);
        Assert.DoesNotContain("mlops.run.dir", help);
    }
}
