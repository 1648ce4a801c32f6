using Mlops.Core;

namespace Mlops.Cli;

/// <summary>Accepts either a model folder or a run folder (whose best model is in <c>model/</c>).</summary>
public static class ModelLocator
{
    public static ModelDirectory Find(string path)
    {
        var nested = new ModelDirectory(Path.Combine(path, "model"));
        return File.Exists(nested.CardPath) ? nested.EnsureComplete() : new ModelDirectory(path).EnsureComplete();
    }
}
