using Mlops.Core;

namespace Mlops.Config;

/// <summary>
/// A configuration that cannot be composed, resolved or bound: an unknown key, a wrong type, a bad override,
/// a missing group option, an interpolation cycle or a YAML syntax error. The message names the key and,
/// where known, the file:line:column it came from; the hint gives the valid choices or the fix.
/// </summary>
public sealed class ConfigException(string message, string? hint = null, Exception? inner = null)
    : MlopsException(message, hint, ExitCodes.ConfigError, inner);
