using Mlops.Config.Hosting;
using Mlops.Config.Overrides;

namespace Mlops.Runs.Multirun;

/// <summary>
/// What a multirun runs: the command every job is (e.g. <c>train</c>), the config source and overrides whose sweeps
/// make the jobs, whether to stop at the first failure, arguments every job gets (e.g. <c>--verbose</c>), and the
/// command's key for its compute threads (e.g. <c>training.threads</c>), which jobs that run side by side are given
/// their share of the cores through (null: the command has none).
/// </summary>
public sealed record MultirunRequest(string Command, ConfigSource Source, IReadOnlyList<Override> Overrides, bool FailFast = false,
    IReadOnlyList<string>? ExtraArguments = null, string? ThreadsKey = null);
