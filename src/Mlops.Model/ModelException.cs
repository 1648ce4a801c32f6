using Mlops.Core;

namespace Mlops.Model;

/// <summary>A model configuration, checkpoint or weights file that is missing or does not fit the model.</summary>
public sealed class ModelException(string message, string? hint = null, Exception? inner = null)
    : MlopsException(message, hint, ExitCodes.ModelError, inner);
