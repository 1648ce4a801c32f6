using System.Diagnostics;
using System.Text.Json;

namespace Mlops.Tests;

/// <summary>
/// Debian's Python (<c>/usr/bin/python3</c>, not a pyenv shim), where the reference tools other tests compare with live:
/// python3-onnx's checker, python3-scipy's statistics, python3-sklearn's isotonic regression.
/// </summary>
public static class SystemPython
{
    public const string Path = "/usr/bin/python3";

    /// <summary>True when Debian's Python can import <paramref name="module"/>.</summary>
    public static bool Has(string module) => File.Exists(Path) && Run("-c", $"import {module}").ExitCode == 0;

    /// <summary>Runs it to its end: exit code, and stdout then stderr.</summary>
    public static (int ExitCode, string Output) Run(params string[] args)
    {
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }

    /// <summary>
    /// Runs <paramref name="script"/> on <paramref name="input"/>, written as JSON to a file named by <c>sys.argv[1]</c>,
    /// and returns the JSON it prints; a script that fails fails the test with its output.
    /// </summary>
    public static JsonElement Compute(string script, object input)
    {
        var file = System.IO.Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, JsonSerializer.Serialize(input));
            var (exitCode, output) = Run("-c", script, file);
            if (exitCode != 0) throw new Xunit.Sdk.XunitException($"{Path} exited with {exitCode}: {output}");
            return JsonDocument.Parse(output).RootElement.Clone();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
