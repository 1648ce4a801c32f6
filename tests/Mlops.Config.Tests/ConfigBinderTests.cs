using System.ComponentModel.DataAnnotations;
using Mlops.Config.Binding;
using Mlops.Config.Yaml;

namespace Mlops.Config.Tests;

public sealed class ConfigBinderTests
{
    public enum Mode { Min, Max }

    public sealed record Optimizer
    {
        [Range(0.0, 1.0)] public double Lr { get; init; } = 1e-4;
        [Range(1, 1000)] public int Epochs { get; init; } = 1;
        public Mode MonitorMode { get; init; } = Mode.Max;
        public int? Threads { get; init; }
        public string? Note { get; init; }
        public IReadOnlyList<string> Tags { get; init; } = [];
    }

    public sealed record Root : IValidatableObject
    {
        public required string Name { get; init; }
        public Optimizer Training { get; init; } = new();
        public int Warmup { get; init; }

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (Warmup > Training.Epochs) yield return new ValidationResult("warmup exceeds the epochs", [nameof(Warmup)]);
        }
    }

    private static Root Bind(string yaml) => ConfigBinder.Bind<Root>(YamlConfigReader.Read(yaml, "c.yaml"));

    [Fact]
    public void Snake_case_keys_bind_to_typed_properties()
    {
        var root = Bind("name: demo\ntraining:\n  lr: 3e-5\n  epochs: 4\n  monitor_mode: min\n  threads: null\n  tags: [a, b]\n");

        Assert.Equal("demo", root.Name);
        Assert.Equal(3e-5, root.Training.Lr);
        Assert.Equal(4, root.Training.Epochs);
        Assert.Equal(Mode.Min, root.Training.MonitorMode);
        Assert.Null(root.Training.Threads);
        Assert.Equal(["a", "b"], root.Training.Tags);
    }

    [Fact]
    public void Keys_left_out_keep_the_record_defaults()
    {
        var root = Bind("name: demo\n");

        Assert.Equal(new Optimizer(), root.Training with { Tags = root.Training.Tags });
        Assert.Equal(1e-4, root.Training.Lr);
    }

    [Fact]
    public void Numbers_from_environment_strings_bind_to_numeric_properties()
    {
        Assert.Equal(7, Bind("name: n\ntraining:\n  epochs: '7'\n").Training.Epochs);
    }

    [Theory]
    [InlineData("name: n\ntraining:\n  lrr: 1\n", "Unknown key 'training.lrr' (c.yaml:3:8)", "Did you mean 'lr'?")]
    [InlineData("name: n\ntraning: {}\n", "Unknown key 'traning' (c.yaml:2:10)", "Did you mean 'training'?")]
    [InlineData("name: n\ntraining:\n  lr: abc\n", "Expected a float at 'training.lr', got the string 'abc' (c.yaml:3:7)", null)]
    [InlineData("name: n\ntraining:\n  epochs: 2.5\n", "Expected an int at 'training.epochs', got the float 2.5", null)]
    [InlineData("name: n\ntraining:\n  epochs: null\n", "Expected an int at 'training.epochs', got null", null)]
    [InlineData("name: n\ntraining:\n  monitor_mode: maximum\n", "Expected one of min, max at 'training.monitor_mode'", null)]
    [InlineData("name: n\ntraining:\n  lr: 2.0\n", "Invalid value at 'training.lr' (c.yaml:3:7): 2", "Expected a value in [0, 1].")]
    [InlineData("name: n\ntraining:\n  epochs: 0\n", "Invalid value at 'training.epochs' (c.yaml:3:11): 0", "Expected a value in [1, 1000].")]
    [InlineData("training: {}\n", "Missing required key 'name'", null)]
    [InlineData("name: ???\n", "'name' has no value ('???' (c.yaml:1:7))", "Set it on the command line: name=<value>.")]
    [InlineData("name: n\nwarmup: 5\n", "Invalid config at 'warmup' (c.yaml:2:9): warmup exceeds the epochs", null)]
    [InlineData("name: n\ntraining: 3\n", "Expected a mapping at 'training', got the int 3", null)]
    public void Bad_values_fail_naming_the_key_and_its_position(string yaml, string message, string? hint)
    {
        var error = Assert.Throws<ConfigException>(() => Bind(yaml));

        Assert.StartsWith(message, error.Message);
        if (hint is not null) Assert.Contains(hint, error.Hint);
    }
}
