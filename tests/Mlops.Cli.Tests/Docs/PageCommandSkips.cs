using System.Text.RegularExpressions;

namespace Mlops.Cli.Tests.Docs;

/// <summary>
/// Why a page command is not run by <see cref="PageCommandsTests"/>: one rule per reason, each a pattern over the
/// command (its comment left out) with an example of what it skips. A command that no rule matches runs, so a
/// command a page gains is tried by default; a new rule is a new reason, not a new command.
/// </summary>
public static class PageCommandSkips
{
    /// <summary>A reason not to run a command, the pattern that finds it, and a command it must skip (tested).</summary>
    public sealed record Rule(string Reason, Regex Pattern, string Example);

    public static readonly IReadOnlyList<Rule> Rules =
    [
        new("starts a server, which runs until it is stopped", new(@"\bmlops (serve|ui)\b"), "mlops serve serving.model_dir=serving-model"),
        new("walks every stage (a minute or more; with --keep it runs until stopped): DemoCommandTests runs it", new(@"\bmlops demo\b"), "mlops demo --keep"),
        new("a benchmark: minutes, and tools from outside the checkout", new(@"\bmlops bench\b"), "mlops bench train"),
        new("needs the CoLA corpus (../shared/data/cola) or a model trained on it", new(@"\bdata=cola\b|\.\./shared/|\bmodels/cola\b"),
            "mlops export data=cola data.dir=../shared/data/cola"),
        new("continues an interrupted run, and the folder's runs finished", new(@"--resume\b"), "mlops train --resume outputs/2026-11-25/12-13-58"),
        new("trains for half a minute or more (MiniLM, or the default recipe's epochs); the folder's prepared runs stand in",
            new(@"\bmlops train\b(?![^&|]*(--config-from|\btraining=fast\b))"), "mlops train model=tiny tracking=sqlite"),
        new("needs a PostgreSQL server", new(@"\bpostgresql://"), "mlops runs list --status failed tracking.uri=postgresql://mlops@db.internal/mlops"),
        new("talks to the page's remote (/mnt/dvc-store, s3://bucket), which this machine does not have",
            new(@"\bmlops data (push|pull|fetch)\b|--cloud\b"), "mlops data pull --rev v1.2"),
        new("reads the prediction logs a running server wrote", new(@"\bmlops monitor\b"), "mlops monitor --logs logs --model serving-model"),
        new("has a placeholder for the reader to fill in", new(@"<[^<>\s]+>|\.\.\.|\b[A-Z][A-Z_]+\b"), "mlops export --model RUN --out serving-model"),
    ];

    /// <summary>The first rule that skips <paramref name="command"/>, or null when it runs.</summary>
    public static Rule? Matching(string command) => Rules.FirstOrDefault(r => r.Pattern.IsMatch(command));
}
