namespace Mlops.Config.Hosting;

/// <summary>
/// The schema a host binds (the training CLI's, later the serving host's): its own sections, each an options record
/// owned by the library that consumes it, plus the program's own <c>mlops</c> section.
/// </summary>
public interface IHostConfig
{
    FrameworkSpec Mlops { get; }
}
