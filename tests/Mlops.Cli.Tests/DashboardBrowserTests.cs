using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using Mlops.Tracking.Artifacts;
using Mlops.Tracking.Sqlite;
using Mlops.Ui;

namespace Mlops.Cli.Tests;

/// <summary>
/// The dashboard in a real browser (Debian's Chromium, driven by Playwright, never a downloaded browser) over the store
/// of real tiny training runs: the pages load, charts hold the run's points and grow while it trains, filters work on
/// the server, and validation sentences carrying markup are shown as text and never run.
/// </summary>
public sealed class DashboardBrowserTests : TempDirectoryTest
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ScriptSentence = "<script>window.pwned = 1</script> the cat sat.";
    /// <summary>Counts the pixels of a chart's canvas in the first palette colour (#2f6fdf), the colour of a run page's series.</summary>
    private const string SeriesColourPixels = """
        node => {
          const canvas = node.querySelector('canvas');
          const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          let count = 0;
          for (let i = 0; i < pixels.length; i += 4)
            if (Math.abs(pixels[i] - 0x2f) < 24 && Math.abs(pixels[i + 1] - 0x6f) < 24 && Math.abs(pixels[i + 2] - 0xdf) < 24) count++;
          return count;
        }
        """;
    private const string ImageSentence = "\"><img src=x onerror=\"window.pwned = 2\"> the dog ran.";

    /// <summary>
    /// A GLUE-layout CoLA folder. The sentences with markup are in the validation split twice, once per label, so
    /// whatever the model predicts, one copy of each is misclassified and lands in the run's table.
    /// </summary>
    private string WriteDataset()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Dir, "cola")).FullName;
        string[] subjects = ["the cat", "a dog", "my friend", "the teacher", "some birds", "the children"];
        string[] verbs = ["sat.", "ran home.", "was seen.", "left early.", "sang loudly."];
        var train = subjects.SelectMany(s => verbs.Select((v, i) => $"{s} {v}\t{(i % 3 == 0 ? 0 : 1)}"));
        File.WriteAllLines(Path.Combine(folder, "train.tsv"), ["sentence\tlabel", .. train, .. train]);
        var dev = subjects.Take(3).SelectMany(s => verbs.Select((v, i) => $"{v} {s}\t{i % 2}"));
        File.WriteAllLines(Path.Combine(folder, "dev.tsv"), ["sentence\tlabel", .. dev, $"{ScriptSentence}\t0", $"{ScriptSentence}\t1", $"{ImageSentence}\t0", $"{ImageSentence}\t1"]);
        return folder;
    }

    private string[] Run(string data, string dir, int epochs) =>
        ["train", .. MlopsProcess.TinyModel, $"training.max_epochs={epochs}", "training.patience=0", "data=cola", $"data.dir={data}", "tracking=sqlite",
            $"mlops.run.dir={dir}"];

    [SkippableFact]
    public async Task Pages_of_real_runs_load_grow_live_filter_and_show_markup_as_text()
    {
        RequireChromium();
        var data = WriteDataset();
        var first = await MlopsProcess.RunAsync(Dir, Run(data, "first", epochs: 1));
        Assert.True(first.ExitCode == 0, first.All);

        // The dashboard's connection and the test's own, as the dashboard and a reader in another process would have.
        await using var store = SqliteTrackingStore.Open(Path.Combine(Dir, "outputs", "mlops.db"));
        await using var served = SqliteTrackingStore.Open(Path.Combine(Dir, "outputs", "mlops.db"));
        await using var dashboard = await DashboardServer.StartAsync(served, served, new DashboardOptions { Port = 0 }, NullLogger.Instance);
        var site = dashboard.Address();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var dialogs = 0;
        page.Dialog += async (_, dialog) =>
        {
            dialogs++;
            await dialog.DismissAsync();
        };
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);

        // The run page: every chart holds the run's points, the mistakes table shows markup as text and filters.
        var firstRun = (await store.ListRunsAsync(new Tracking.RunQuery()))[0];
        await page.GotoAsync($"{site}/runs/{firstRun.Id}");
        var lossChart = page.Locator(".chart[data-key='train_loss'][data-points]");
        await lossChart.WaitForAsync();
        Assert.Equal(firstRun.Metrics["train_loss"].Count.ToString(), await lossChart.GetAttributeAsync("data-points"));
        Assert.Equal(firstRun.Metrics["train_loss"].Count.ToString(), await lossChart.GetAttributeAsync("data-count"));
        // A one-epoch run's validation series hold one point each: the chart draws it (in the series' colour), not an empty plot.
        var onePoint = page.Locator(".chart[data-key='val_loss'][data-points='1']");
        await onePoint.WaitForAsync();
        var painted = 0;
        for (var i = 0; i < 50 && painted == 0; i++, await Task.Delay(100)) painted = await onePoint.EvaluateAsync<int>(SeriesColourPixels);
        Assert.True(painted > 0, "the one-point val_loss chart drew nothing in the series' colour");
        var mistakes = page.Locator("#misclassified-table tbody tr");
        await page.Locator("#misclassified-table tbody tr", new() { HasText = "the cat sat." }).WaitForAsync();
        var texts = await mistakes.AllInnerTextsAsync();
        Assert.Contains(texts, row => row.Contains(ScriptSentence));
        Assert.Contains(texts, row => row.Contains(ImageSentence));
        Assert.Equal(0, await page.Locator("#misclassified-table img, #misclassified-table script").CountAsync());
        await page.Locator("#misclassified-search").FillAsync("onerror");
        await Expect(() => mistakes.CountAsync(), 1);
        Assert.Contains(ImageSentence, await mistakes.First.InnerTextAsync());
        Assert.Equal("4", await page.Locator("#confusion-chart[data-cells]").GetAttributeAsync("data-cells"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("dashboard-run.png"), FullPage = true });

        // A run still training: its chart grows without a reload (then SIGTERM stops it, and it is recorded killed).
        using var second = Process.Start(MlopsProcess.StartInfo(Dir, Run(data, "second", epochs: 10_000)))!;
        try
        {
            var secondOutput = second.StandardOutput.ReadToEndAsync();
            var secondErrors = second.StandardError.ReadToEndAsync();
            Tracking.RunRecord? running = null;
            for (var i = 0; i < 200 && running is not { Metrics.Count: > 0 }; i++)
            {
                await Task.Delay(100);
                running = (await store.ListRunsAsync(new Tracking.RunQuery { Status = Tracking.RunStatus.Running })).FirstOrDefault();
            }
            if (running is null)
            {
                second.Kill(entireProcessTree: true);
                Assert.Fail("the second run never showed up running: " + await secondErrors);
            }
            await page.GotoAsync($"{site}/runs/{running.Id}");
            var liveChart = page.Locator(".chart[data-key='train_loss'][data-count]");
            await liveChart.WaitForAsync();
            async Task<int> Stored() => int.Parse((await liveChart.GetAttributeAsync("data-count"))!);
            var before = await Stored();
            var grew = false;
            for (var i = 0; i < 100 && !grew; i++)
            {
                await Task.Delay(200);
                grew = await Stored() > before;
            }
            Assert.True(grew, $"the live chart stayed at {before} points while the run trained");
            Assert.InRange(int.Parse((await liveChart.GetAttributeAsync("data-points"))!), 1, 1001);
            using (var kill = Process.Start("kill", ["-TERM", second.Id.ToString()])) await kill.WaitForExitAsync();
            await second.WaitForExitAsync();
            Assert.True(second.ExitCode == 143, await secondOutput + await secondErrors);
            await page.Locator("#run-status", new() { HasText = "killed" }).WaitForAsync();
        }
        finally
        {
            if (!second.HasExited) second.Kill(entireProcessTree: true);
        }

        // The runs table: both runs, a server-side filter, a bad filter's one line, then compare.
        await page.GotoAsync(site);
        var rows = page.Locator("#runs-table tbody tr[data-run-id]");
        await Expect(() => rows.CountAsync(), 2);
        await page.Locator("#filter").FillAsync("training.max_epochs = 1");
        await page.Locator("#filter").PressAsync("Enter");
        await Expect(() => rows.CountAsync(), 1);
        await page.Locator("#filter").FillAsync("val_mcc > nothing");
        await page.Locator("#apply").ClickAsync();
        await page.Locator("#filter-error", new() { HasText = "is not a number" }).WaitForAsync();
        await page.Locator("#filter").FillAsync("");
        await page.Locator("#apply").ClickAsync();
        await Expect(() => rows.CountAsync(), 2);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("dashboard-runs.png"), FullPage = true });
        foreach (var box in await page.Locator("#runs-table tbody input.select").AllAsync()) await box.CheckAsync();
        await page.Locator("#compare").ClickAsync();
        await page.Locator("#parallel[data-lines='2']").WaitForAsync();
        Assert.Contains("training.max_epochs", await page.Locator("#param-diff").InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("dashboard-compare.png"), FullPage = true });

        Assert.Equal(0, dialogs);
        Assert.Empty(pageErrors);
        Assert.Null(await page.EvaluateAsync<int?>("() => window.pwned ?? null"));
    }

    [SkippableFact]
    public async Task After_mlops_demo_the_dashboard_shows_its_run_and_the_drift_its_traffic_raised()
    {
        RequireChromium();
        var demo = Path.Combine(Dir, "demo");
        var (exitCode, output) = await DemoProcess.RunUntilAsync(Dir, demo, "Left running", "INT", async () =>
        {
            var urls = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(demo, Commands.DemoCommand.ReportFile)))!["urls"]!;
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await LaunchAsync(playwright);
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1100 } });
            var pageErrors = new List<string>();
            page.PageError += (_, error) => pageErrors.Add(error);

            await page.GotoAsync(urls["runs"]!.GetValue<string>());
            await Expect(() => page.Locator("#runs-table tbody tr[data-run-id]").CountAsync(), 1);
            await page.GotoAsync(urls["monitoring"]!.GetValue<string>());
            await page.Locator("#drift-now .drift-state[data-state='drift']").WaitForAsync();
            Assert.Contains("demo v1", await page.Locator("#traffic-title").InnerTextAsync());
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("demo-monitoring.png"), FullPage = true });
            Assert.Empty(pageErrors);
        }, "--keep", "--no-servers");

        Assert.True(exitCode == 0, output);
        Assert.Empty(DemoProcess.Of(Dir));
    }

    [SkippableFact]
    public async Task The_monitoring_view_draws_served_traffic_over_time_and_the_drift_it_raised()
    {
        RequireChromium();
        await using var store = SqliteTrackingStore.Open(Path.Combine(Dir, "mlops.db"));
        await Ui.Tests.MonitoredTraffic.SeedAsync(store, Dir, DateTimeOffset.UtcNow);
        await using var dashboard = await DashboardServer.StartAsync(store, store, new DashboardOptions { Port = 0 }, NullLogger.Instance);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1100 } });
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);

        await page.GotoAsync($"{dashboard.Address()}/monitoring");
        await Expect(() => page.Locator("#models tbody tr").CountAsync(), 2);
        foreach (var chart in new[] { "volume", "confidence", "length", "latency", "drift" })
            await page.Locator($"#{chart}-chart[data-points='48']").WaitForAsync();
        // The estimate starts once the window holds min_events (200) predictions: 25 events a bucket, from the eighth of 48 on.
        Assert.Equal("41", await page.Locator("#estimate-chart[data-points]").GetAttributeAsync("data-points"));
        Assert.Equal("2", await page.Locator("#volume-chart").GetAttributeAsync("data-series"));
        Assert.Equal("drift", await page.Locator("#drift-now .drift-state").GetAttributeAsync("data-state"));
        Assert.Contains("confidence", string.Join(' ', await page.Locator("#drift-now .signal[data-drifted='true']").AllInnerTextsAsync()));
        Assert.Contains("cola v1", await page.Locator("#traffic-title").InnerTextAsync());
        Assert.Contains("estimated accuracy", await page.Locator("#drift-now .estimate").InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("dashboard-monitoring.png"), FullPage = true });

        // The unregistered model: its traffic, no drift chart, and the line saying why.
        await page.Locator("#models tbody tr[data-model='" + Ui.Tests.MonitoredTraffic.Unregistered + "']").ClickAsync();
        await page.Locator("#reference-note", new() { HasText = "not in the registry" }).WaitForAsync();
        Assert.True(await page.Locator("#drift-card").IsHiddenAsync());
        Assert.True(await page.Locator("#estimate-card").IsHiddenAsync());
        Assert.Contains("model=" + Uri.EscapeDataString(Ui.Tests.MonitoredTraffic.Unregistered), page.Url);
        Assert.Empty(pageErrors);
    }

    [SkippableFact]
    public async Task The_confusion_heatmap_writes_all_22_long_labels_apart_with_full_names_on_hover()
    {
        RequireChromium();
        var folder = Directory.CreateDirectory(Path.Combine(Dir, "areas")).FullName;
        await RunArtifacts.WriteConfusionAsync(folder, ConfusionChartTests.Report(22), CancellationToken.None);
        await using var store = SqliteTrackingStore.Open(Path.Combine(Dir, "mlops.db"));
        var id = await store.CreateRunAsync(new Tracking.RunStart { Name = "areas", RunDir = folder }, DateTimeOffset.UtcNow);
        await store.EndRunAsync(id, Tracking.RunStatus.Finished, new Tracking.RunEnd(Artifacts: await RunArtifacts.ScanAsync(folder, CancellationToken.None)),
            DateTimeOffset.UtcNow);
        await using var dashboard = await DashboardServer.StartAsync(store, store, new DashboardOptions { Port = 0 }, NullLogger.Instance);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);

        await page.GotoAsync($"{dashboard.Address()}/runs/{id}");
        var chart = page.Locator("#confusion-chart[data-cells='484']");
        await chart.WaitForAsync();
        var area = (await chart.BoundingBoxAsync())!;
        var texts = await page.Locator("#confusion-chart svg text").EvaluateAllAsync<TextBox[]>(
            "nodes => nodes.map(n => { const r = n.getBoundingClientRect(); return { text: n.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom }; })");

        // Each label twice (true and predicted), whole or shortened around an ellipsis, inside the chart.
        var columns = new List<TextBox>();
        var rows = new List<TextBox>();
        foreach (var label in ConfusionChartTests.Areas)
        {
            var drawn = texts.Where(t => t.Text == label || (t.Text.Contains('…') && label.StartsWith(t.Text[..t.Text.IndexOf('…')], StringComparison.Ordinal) &&
                label.EndsWith(t.Text[(t.Text.IndexOf('…') + 1)..], StringComparison.Ordinal))).OrderBy(t => t.Top).ToList();
            Assert.True(drawn.Count == 2, $"'{label}' is written {drawn.Count} times: {string.Join(" | ", texts.Select(t => t.Text))}");
            Assert.All(drawn, t => Assert.True(t.Left >= area.X - 1 && t.Right <= area.X + area.Width + 1 && t.Bottom <= area.Y + area.Height + 1,
                $"'{t.Text}' at {t} leaves the chart {area.X},{area.Y} {area.Width}x{area.Height}"));
            rows.Add(drawn[0]);
            columns.Add(drawn[1]);
        }
        // Neighbours never overlap: the predicted labels stand side by side, the true labels lie one under the other.
        foreach (var (a, b) in columns.OrderBy(c => c.Left).Zip(columns.OrderBy(c => c.Left).Skip(1)))
            Assert.True(b.Left >= a.Right - 0.5, $"'{a.Text}' and '{b.Text}' overlap");
        foreach (var (a, b) in rows.OrderBy(r => r.Top).Zip(rows.OrderBy(r => r.Top).Skip(1)))
            Assert.True(b.Top >= a.Bottom - 0.5, $"'{a.Text}' and '{b.Text}' overlap");

        // A shortened label's full name on hover; then the rows as shares, each diagonal cell a class's recall.
        var shortened = rows.First(r => r.Text.Contains('…'));
        await page.Mouse.MoveAsync((float)(shortened.Left + shortened.Right) / 2, (float)(shortened.Top + shortened.Bottom) / 2);
        await page.Locator($"#confusion-chart[title='{ConfusionChartTests.Areas[rows.IndexOf(shortened)]}']").WaitForAsync();
        await page.Locator("#confusion-normalized").CheckAsync();
        await page.Locator("#confusion-chart[data-normalized='true']").WaitForAsync();
        var shares = await page.Locator("#confusion-chart svg text").AllTextContentsAsync();
        Assert.Contains(shares, t => System.Text.RegularExpressions.Regex.IsMatch(t, @"^0\.\d\d$"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("dashboard-confusion-22.png"), FullPage = true });
        Assert.Empty(pageErrors);
    }

    /// <summary>Where a text node of the page was drawn, in page pixels.</summary>
    public sealed record TextBox
    {
        public string Text { get; init; } = "";
        public double Left { get; init; }
        public double Right { get; init; }
        public double Top { get; init; }
        public double Bottom { get; init; }
    }

    private static void RequireChromium() =>
        Prerequisite.Require(File.Exists(Chromium), $"No {Chromium}", "apt-get install chromium (.ci/run does) to run the dashboard's browser tests.");

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Chromium,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
    });

    /// <summary>Polls until <paramref name="value"/> is <paramref name="expected"/> (the page fetches and renders asynchronously).</summary>
    private static async Task Expect(Func<Task<int>> value, int expected)
    {
        var last = -1;
        for (var i = 0; i < 100 && (last = await value()) != expected; i++) await Task.Delay(100);
        Assert.Equal(expected, last);
    }

    /// <summary>
    /// Where a screenshot goes: the test's folder, and also <c>MLOPS_SCREENSHOT_DIR</c> when set (the docs' images
    /// are refreshed with <c>MLOPS_SCREENSHOT_DIR=$PWD/docs/images dotnet test --filter DashboardBrowserTests</c>).
    /// </summary>
    private string Screenshot(string name)
    {
        var folder = Environment.GetEnvironmentVariable("MLOPS_SCREENSHOT_DIR") ?? Dir;
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
