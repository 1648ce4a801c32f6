using Mlops.Model;
using Spectre.Console.Cli;

namespace Mlops.Cli;

/// <summary>
/// Tunes glibc's allocator for tensors (<see cref="NativeAllocator"/>) when a command is about to run, not at process
/// start, so <c>mlops --help</c> does not load the model library at all.
/// </summary>
public sealed class NativeMemoryInterceptor : ICommandInterceptor
{
    public void Intercept(CommandContext context, CommandSettings settings) => NativeAllocator.TuneForTensors();
}
