using Xunit.Abstractions;

namespace Mlops.Cli.Tests.Docs;

/// <summary>
/// Issue 31, what a newcomer hit walking the docs: every <c>mlops</c> command that README.md and docs/*.md show runs,
/// page by page and in page order, in a reader's folder (<see cref="ReaderFolder"/>), and exits 0, or with the code
/// the page announces (<c># exits N</c> on the line or the comment line above); only a listed rule
/// (<see cref="PageCommandSkips"/>) keeps a command from running, and the output says which ran and which did not, and why.
/// </summary>
public sealed class PageCommandsTests(ITestOutputHelper output) : TempDirectoryTest
{
    [Fact]
    public async Task Every_page_command_that_needs_nothing_from_outside_ends_as_its_page_says()
    {
        var root = RepositoryRoot.Find();
        var pages = Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md").Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal).Prepend("README.md");
        var reader = await ReaderFolder.PrepareAsync(Path.Combine(Dir, "reader"), Path.Combine(Dir, "pristine"));
        foreach (var (example, id) in reader.RunIds) output.WriteLine($"run id {example} stands for {id}");
        var runner = new PageCommandRunner(output);

        var outcomes = new List<PageOutcome>();
        foreach (var page in pages)
        {
            var commands = PageCommandReader.Read(page, await File.ReadAllTextAsync(Path.Combine(root, page))).ToList();
            if (commands.Any(c => PageCommandSkips.Matching(c.Command) is null)) reader.Reset();
            outcomes.AddRange(await runner.RunAsync(commands, reader.Root, reader.Substitute));
        }

        var failed = outcomes.Where(o => o.Failed).ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} page command(s) did not end as their page says:\n\n" + string.Join("\n\n", failed.Select(o => o.Report())));
        Assert.Contains(outcomes, o => o.Command is { File: "README.md", Command: "mlops export" } && o.Result is not null);
        Assert.Contains(outcomes, o => o.Command.File == "docs/tracking.md" && o.Command.Command.StartsWith("mlops models alias", StringComparison.Ordinal) && o.Result is not null);
    }
}
