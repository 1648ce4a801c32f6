using System.Text;
using Mlops.Runs.Multirun;

namespace Mlops.Runs.Slurm;

/// <summary>
/// The batch script of one sweep job, in the sweep's <c>.slurm</c> folder beside its output and exit-code files. It asks for
/// the job's resources in <c>#SBATCH</c> lines, runs the setup lines, then <c>mlops</c> with the job's arguments - or,
/// where its folder holds a resume point (Slurm restarted it, or the sweep is resumed), the arguments that resume it.
/// Slurm sends USR1 <see cref="SlurmSpec.SignalSeconds"/> before the time limit: the script passes SIGTERM on to
/// <c>mlops</c>, which saves its resume point and exits 143, then requeues the job (Submitit's approach). SIGTERM (scancel,
/// preemption) reaches <c>mlops</c> from Slurm itself and ends the job without a requeue; a preempted job is requeued by
/// Slurm's own policy. The exit code
/// is written last, atomically, so the sweep reads how the job ended even after Slurm has forgotten it.
/// </summary>
public sealed record SlurmJobScript(JobLaunch Job, SlurmSpec Spec, int Cpus, IReadOnlyList<string> Program, string WorkingDirectory)
{
    public const string Folder = ".slurm";

    public string ScriptPath => Path.Combine(Job.SweepFolder, Folder, $"{Job.Num}.sh");
    public string OutputPath => Path.Combine(Job.SweepFolder, Folder, $"{Job.Num}.out");
    public string ExitCodePath => Path.Combine(Job.SweepFolder, Folder, $"{Job.Num}.exit");
    /// <summary>The Slurm job id it was submitted as, so a resumed sweep follows a job still queued or running instead of submitting it twice.</summary>
    public string JobIdPath => Path.Combine(Job.SweepFolder, Folder, $"{Job.Num}.id");

    public string Render()
    {
        var text = new StringBuilder("#!/bin/bash\n");
        foreach (var option in Options()) text.Append("#SBATCH ").Append(option).Append('\n');
        text.Append($$"""
            # mlops train -m: job {{Job.Num}} of the sweep in {{Job.SweepFolder}}.
            set -u
            {{string.Join('\n', Spec.Setup)}}
            run=({{Words([.. Program, .. Job.Arguments])}})
            if [ -d {{Quote(Path.Combine(Job.Folder, RunFolder.ResumeDir))}} ]; then
              run=({{Words([.. Program, .. Job.ResumeArguments])}})
            elif [ -d {{Quote(Job.Folder)}} ]; then
              # Stopped before its first save: start over in the same folder, not beside it.
              rm -rf {{Quote(Job.Folder)}}
            fi
            requeue=0
            trap 'requeue=1; kill -TERM "$child" 2>/dev/null' USR1
            # scancel and preemption signal every process of the job, mlops too: the shell only waits for it (a second
            # SIGTERM from here would abort mlops instead of letting it save).
            trap 'true' TERM
            "${run[@]}" &
            child=$!
            wait "$child"; code=$?
            # wait returns early when a trap ran; the child is still saving, so wait for its own exit code.
            while kill -0 "$child" 2>/dev/null; do wait "$child"; code=$?; done
            if [ "$requeue" = 1 ] && [ "$code" = 143 ] && scontrol requeue "$SLURM_JOB_ID"; then exit "$code"; fi
            echo "$code" > {{Quote(ExitCodePath + ".tmp")}} && mv {{Quote(ExitCodePath + ".tmp")}} {{Quote(ExitCodePath)}}
            exit "$code"

            """);
        return text.ToString();
    }

    private IEnumerable<string> Options()
    {
        yield return $"--job-name=mlops-{Job.Num}";
        yield return $"--output={OutputPath}";
        yield return "--open-mode=append"; // a requeued job's lines follow the first run's
        yield return $"--chdir={WorkingDirectory}";
        yield return $"--cpus-per-task={Cpus}";
        if (Spec.Partition is { } partition) yield return $"--partition={partition}";
        if (Spec.Time is { } time) yield return $"--time={time}";
        if (Spec.Mem is { } mem) yield return $"--mem={mem}";
        if (Spec.Requeue)
        {
            yield return $"--signal=B:USR1@{Spec.SignalSeconds}";
            yield return "--requeue";
        }
        else yield return "--no-requeue";
        foreach (var extra in Spec.Extra) yield return extra;
    }

    private static string Words(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    private static string Quote(string word) => $"'{word.Replace("'", "'\\''")}'";
}
