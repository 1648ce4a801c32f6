using Mlops.Config.Tree;

namespace Mlops.Config.Interpolation;

/// <summary>A named resolver: receives its arguments (null for a bare <c>null</c>) and returns a value.</summary>
public delegate ConfigNode ResolverFunction(IReadOnlyList<string?> arguments, string where);

/// <summary>
/// The resolvers an interpolation may call, by name. The built-ins are OmegaConf's <c>oc.env</c> (and the older
/// <c>env</c>) and Hydra's <c>now</c>; one clock instant serves a whole run, so <c>${now:%Y-%m-%d}/${now:%H-%M-%S}</c>
/// never straddles midnight.
/// </summary>
public sealed class ResolverFunctions
{
    private readonly Dictionary<string, ResolverFunction> _functions = new(StringComparer.Ordinal);

    public ResolverFunctions(DateTimeOffset now, Func<string, string?>? environment = null)
    {
        var env = environment ?? Environment.GetEnvironmentVariable;
        ResolverFunction readEnv = (args, where) => Env(env, args, where);
        _functions["oc.env"] = readEnv;
        _functions["env"] = readEnv;
        _functions["now"] = (args, where) => ConfigScalar.String(Strftime.Format(now, args.Count == 0 ? "%Y-%m-%d_%H-%M-%S" : args[0] ?? "", where));
    }

    public IEnumerable<string> Names => _functions.Keys;

    public ResolverFunction? Find(string name) => _functions.GetValueOrDefault(name);

    private static ConfigNode Env(Func<string, string?> env, IReadOnlyList<string?> args, string where)
    {
        if (args.Count is 0 or > 2 || string.IsNullOrEmpty(args[0]))
            throw new ConfigException($"oc.env at '{where}' takes a variable name and an optional default: ${{oc.env:VAR,default}}.");
        var value = env(args[0]!);
        if (value is not null) return ConfigScalar.String(value);
        if (args.Count == 2) return args[1] is null ? ConfigScalar.Null() : ConfigScalar.String(args[1]!);
        throw new ConfigException($"Environment variable '{args[0]}' is not set (needed by '{where}').",
            $"Set it, or give a default: ${{oc.env:{args[0]},default}}.");
    }
}
