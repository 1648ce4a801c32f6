using Mlops.Core;

namespace Mlops.Training;

/// <summary>A training run that cannot start or continue because of its settings or its checkpoint.</summary>
public sealed class TrainingException(string message, string? hint = null, Exception? inner = null)
    : MlopsException(message, hint, ExitCodes.UserError, inner);
