using Mlops.Core;

namespace Mlops.Data;

/// <summary>A dataset that cannot be found, downloaded or read; the message names the file (and line).</summary>
public sealed class DataException(string message, string? hint = null, Exception? inner = null)
    : MlopsException(message, hint, ExitCodes.DataError, inner);
