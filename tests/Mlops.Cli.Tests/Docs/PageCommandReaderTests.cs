namespace Mlops.Cli.Tests.Docs;

/// <summary>Which lines of a page are <c>mlops</c> commands, as what a shell runs, and what exit code the page announces for each.</summary>
public sealed class PageCommandReaderTests
{
    [Fact]
    public void Shell_blocks_give_their_mlops_lines_joined_without_comments_and_prompts()
    {
        const string page = """
            mlops config show is prose, not a command.

            ```bash
            # a comment line, then a command over two lines
            mlops train training=fast \
                training.seed=3                       # the comment goes
            $ mlops predict "a # in quotes stays"
            dotnet run --project src/Mlops.Cli -c Release -- config show && dotnet run --project src/Mlops.Cli -- --help
            git add models.dvc
            ```

            ```yaml
            mlops: {}
            ```

            ```
            mlops runs list
            ```
            """;

        var commands = PageCommandReader.Read("page.md", page).ToList();

        Assert.Equal(
            ["mlops train training=fast      training.seed=3", "mlops predict \"a # in quotes stays\"", "mlops config show && mlops --help", "mlops runs list"],
            commands.Select(c => c.Command));
        Assert.Equal([5, 7, 8, 17], commands.Select(c => c.Line));
        Assert.All(commands, c => Assert.Equal(0, c.ExpectedExitCode));
    }

    [Fact]
    public void A_page_announces_an_exit_code_on_the_line_or_in_the_comment_line_just_above()
    {
        const string page = """
            ```bash
            mlops predict --model missing "x"        # exits 4: no such model
            # exits 5: no such recipe
            mlops train training=no_such_recipe
            # exits 3
            
            mlops config show
            ```
            """;

        var commands = PageCommandReader.Read("page.md", page).ToList();

        Assert.Equal([4, 5, 0], commands.Select(c => c.ExpectedExitCode));
    }
}
