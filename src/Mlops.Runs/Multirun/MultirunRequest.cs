using Mlops.Config.Hosting;
using Mlops.Config.Overrides;

namespace Mlops.Runs.Multirun;

/// <summary>
/// What a multirun runs: the command every job is (e.g. <c>train</c>), the config source and overrides whose sweeps
/// make the jobs, whether to stop at the first failure, and arguments every job gets (e.g. <c>--verbose</c>).
/// </summary>
public sealed record MultirunRequest(string Command, ConfigSource Source, IReadOnlyList<Override> Overrides, bool FailFast = false,
    IReadOnlyList<string>? ExtraArguments = null);
