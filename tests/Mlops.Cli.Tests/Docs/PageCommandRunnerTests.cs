using Xunit.Abstractions;

namespace Mlops.Cli.Tests.Docs;

/// <summary>The page walk's guard: on a made-up page, the runner fails a command that exits otherwise than announced, in either direction, and accepts an announced failure.</summary>
public sealed class PageCommandRunnerTests(ITestOutputHelper output) : TempDirectoryTest
{
    private const string Page = """
        # A page

        ```bash
        mlops config show training.max_epochs=2                 # fine
        mlops config show training=no_such_recipe               # exits 5: an unknown recipe
        # exits 5: an unknown model shape
        mlops config show model=no_such_shape
        mlops config show training=no_such_recipe
        mlops config show | grep -q max_epochs                  # exits 5
        mlops serve serving.model_dir=serving-model
        ```
        """;

    [Fact]
    public async Task A_command_fails_when_it_exits_otherwise_than_its_page_announces()
    {
        var commands = PageCommandReader.Read("page.md", Page).ToList();
        var folder = Directory.CreateDirectory(Path.Combine(Dir, "reader")).FullName;

        var outcomes = await new PageCommandRunner(output).RunAsync(commands, folder);

        Assert.Equal([0, 5, 5, 5, 0], outcomes.Take(5).Select(o => o.Result!.ExitCode));
        Assert.Equal([false, false, false, true, true], outcomes.Take(5).Select(o => o.Failed));
        Assert.Contains("exited 5, the page says 0", outcomes[3].Report());
        Assert.Null(outcomes[5].Result);
        Assert.Equal(PageCommandSkips.Rules[0].Reason, outcomes[5].SkippedBecause);
        Assert.False(outcomes[5].Failed);
    }
}
