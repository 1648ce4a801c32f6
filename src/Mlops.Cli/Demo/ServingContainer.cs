using System.Diagnostics;
using System.Globalization;
using Mlops.Core;
using Mlops.Core.Processes;

namespace Mlops.Cli.Demo;

/// <summary>
/// The serving image run by podman for <c>mlops demo</c>: published on a loopback port, the pulled model mounted
/// read-only, prediction events into the project's tracking store (for the dashboard) and on stdout (for
/// <c>mlops monitor</c>); removed, with its process, when disposed.
/// </summary>
public sealed class ServingContainer(string podman, string name) : IDisposable
{
    /// <summary>The tag of the serving image the demo builds from a checkout.</summary>
    public const string BuiltImage = "localhost/mlops-serve:demo";

    /// <summary>
    /// The serving image to run, with podman: the one --image names, else one built from the checkout this mlops runs
    /// from; null (serve with the host directly) without podman or a checkout, or when told not to, saying so.
    /// </summary>
    public static async Task<(string Podman, string Image)?> ChooseAsync(DemoStep step, DemoOptions options, CancellationToken cancellationToken)
    {
        if (!options.UseServers || !options.UseImage) return null;
        if (DemoServers.Find("podman") is not { } podman)
        {
            if (options.Image is not null) throw step.Failure("--image needs podman, which is not on PATH");
            step.Note("podman is not installed: the serving host runs directly (mlops serve); with podman the demo builds and runs the serving image.");
            return null;
        }
        if (options.Image is { } image)
            return await ExistsAsync(podman, image, cancellationToken)
                ? (podman, image)
                : throw step.Failure($"podman has no image '{image}': build one with deploy/build-image.sh --tag {image}");
        if (DemoServers.SourceCheckout() is not { } checkout)
        {
            step.Note("podman is installed, but no source checkout is beside this mlops to build the serving image from (deploy/build-image.sh): the serving host runs directly; --image NAME serves one built elsewhere.");
            return null;
        }
        await BuildAsync(step, checkout, BuiltImage, cancellationToken);
        return (podman, BuiltImage);
    }

    /// <summary>Runs <paramref name="image"/> as step <paramref name="step"/>'s serving host, detached; <paramref name="overrides"/> follow its entrypoint.</summary>
    public static async Task<ServingContainer> StartAsync(DemoStep step, string podman, string image, int port, string modelDir, string storeDir,
        IReadOnlyList<string> overrides, CancellationToken cancellationToken)
    {
        var name = $"mlops-demo-{Environment.ProcessId}";
        // The image runs as user 10001; the store is the demo user's, so the container writes it as that user.
        string[] user = geteuid() == 0 ? ["--user", "0:0"] : ["--userns=keep-id", "--user", $"{geteuid()}:{getegid()}"];
        string[] args = ["run", "-d", "--name", name, "-p", $"127.0.0.1:{port}:8000", "-v", $"{modelDir}:/model:ro", "-v", $"{storeDir}:/store",
            "-e", "MLOPS_MONITORING_STORE=true", .. user, image, .. overrides];
        var container = new ServingContainer(podman, name);
        try
        {
            await step.RunAsync(storeDir, podman, args, DemoStep.Display(args.Prepend("podman")), cancellationToken);
        }
        catch
        {
            container.Dispose();
            throw;
        }
        return container;
    }

    /// <summary>Builds the serving image <paramref name="tag"/> with the checkout's <c>deploy/build-image.sh</c> (publish, base, image).</summary>
    private static Task BuildAsync(DemoStep step, string checkout, string tag, CancellationToken cancellationToken) =>
        step.RunAsync(checkout, "bash", ["deploy/build-image.sh", "--tag", tag], $"deploy/build-image.sh --tag {tag}", cancellationToken, NoBuildServers, script: true);

    /// <summary>No MSBuild node or compiler server outlives the build: the demo leaves no process behind.</summary>
    private static readonly Dictionary<string, string> NoBuildServers = new()
    {
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["UseSharedCompilation"] = "false",
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
    };

    /// <summary>Whether podman has <paramref name="image"/> locally.</summary>
    private static async Task<bool> ExistsAsync(string podman, string image, CancellationToken cancellationToken) =>
        (await ChildProcess.RunAsync(podman, ["image", "exists", image], cancellationToken)).ExitCode == 0;

    /// <summary>The container's peak memory so far, read through its main process on this host (0 when it is not running).</summary>
    public double PeakRssMb
    {
        get
        {
            var pid = Podman("inspect", "--format", "{{.State.Pid}}", name).Trim();
            return int.TryParse(pid, CultureInfo.InvariantCulture, out var id) && id > 0 ? ChildProcess.PeakRssMb(id) ?? 0 : 0;
        }
    }

    /// <summary>Why the container will never get ready (it stopped), or null while it runs.</summary>
    public string? Gone() =>
        Podman("inspect", "--format", "{{.State.Running}}", name).Trim() == "true" ? null : $"stopped (podman logs {name} says why)";

    /// <summary>Writes everything the container printed (its prediction events among it) to <paramref name="path"/>.</summary>
    public async Task SaveLogsAsync(string path, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(podman, ["logs", name]) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new MlopsException($"Could not start '{podman}'.");
        await using (var file = File.Create(path))
            await process.StandardOutput.BaseStream.CopyToAsync(file, cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
    }

    /// <summary>Stops the container (SIGTERM, then SIGKILL after the grace period) and removes it.</summary>
    public void Dispose() => Podman("rm", "--force", "--time", $"{BackgroundProcess.GracePeriod.TotalSeconds:0}", name);

    /// <summary>Runs podman to its end; its stdout (its stderr, podman's warnings, is read and dropped).</summary>
    private string Podman(params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(podman, args) { RedirectStandardOutput = true, RedirectStandardError = true });
        if (process is null) return "";
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        errors.Wait();
        return output;
    }

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern uint geteuid();

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern uint getegid();
}
