namespace Mlops.Bench.MlNet;

/// <summary>Checks an input file before ML.NET reads it: ML.NET maps columns by position and would train on a wrong file without a word.</summary>
public static class IssueFiles
{
    public const string Header = "ID\tArea\tTitle\tDescription";

    /// <summary>Throws <see cref="AnchorException"/> (exit 3) when <paramref name="path"/> is missing or its first line is not <see cref="Header"/>.</summary>
    public static void Check(string path, string option)
    {
        if (!File.Exists(path)) throw new AnchorException($"{option} '{path}' does not exist", 3);
        var first = File.ReadLines(path).FirstOrDefault();
        if (first?.TrimEnd('\r') != Header)
            throw new AnchorException($"{option} '{path}': the header is '{first}', expected the tab-separated columns '{Header.Replace("\t", ", ")}'", 3);
    }
}
