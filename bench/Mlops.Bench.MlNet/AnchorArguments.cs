namespace Mlops.Bench.MlNet;

/// <summary>The anchor's command line: <c>--train FILE --test FILE --predictions FILE --seed N</c>, each required once.</summary>
public sealed record AnchorArguments(string Train, string Test, string Predictions, int Seed)
{
    public const string Usage = "usage: Mlops.Bench.MlNet --train FILE --test FILE --predictions FILE --seed N";

    /// <summary>The arguments, or <see cref="AnchorException"/> (exit 2) naming the one that is missing, repeated, unknown or not a number.</summary>
    public static AnchorArguments Parse(IReadOnlyList<string> args)
    {
        string[] names = ["--train", "--test", "--predictions", "--seed"];
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!names.Contains(args[i])) throw new AnchorException($"unknown argument '{args[i]}'; {Usage}", 2);
            if (i + 1 >= args.Count) throw new AnchorException($"{args[i]} needs a value; {Usage}", 2);
            if (!values.TryAdd(args[i], args[i + 1])) throw new AnchorException($"{args[i]} is given twice; {Usage}", 2);
        }
        var missing = names.Where(n => !values.ContainsKey(n)).ToList();
        if (missing.Count > 0) throw new AnchorException($"missing {string.Join(", ", missing)}; {Usage}", 2);
        if (!int.TryParse(values["--seed"], out var seed)) throw new AnchorException($"--seed '{values["--seed"]}' is not an integer", 2);
        return new AnchorArguments(values["--train"], values["--test"], values["--predictions"], seed);
    }
}
