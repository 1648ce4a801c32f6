using Mlops.Model.Bert;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Mlops.Model.Weights;

/// <summary>
/// A Hugging Face model folder on disk (<c>config.json</c>, <c>vocab.txt</c>, and <c>model.safetensors</c>
/// or <c>pytorch_model.bin</c>), as the hub's snapshot download leaves it. Nothing is downloaded here.
/// </summary>
public sealed record HuggingFaceFolder(string Path)
{
    public string ConfigPath => System.IO.Path.Combine(Path, "config.json");
    public string VocabPath => System.IO.Path.Combine(Path, "vocab.txt");

    public Task<BertConfig> ReadConfigAsync(CancellationToken cancellationToken = default)
    {
        RequireFolder();
        return BertConfig.ReadAsync(ConfigPath, cancellationToken);
    }

    /// <summary>The folder's WordPiece vocabulary (<c>vocab.txt</c>), as text.</summary>
    public Task<string> ReadVocabAsync(CancellationToken cancellationToken = default)
    {
        RequireFolder();
        if (!File.Exists(VocabPath))
            throw new ModelException($"Pretrained model folder '{Path}' has no 'vocab.txt'.", "Copy the model's vocab.txt beside its config.json.");
        return File.ReadAllTextAsync(VocabPath, cancellationToken);
    }

    private void RequireFolder()
    {
        if (!Directory.Exists(Path))
            throw new ModelException($"Pretrained model folder '{Path}' does not exist.",
                "Set model.pretrained=<folder> to a folder holding config.json, vocab.txt and model.safetensors (or pytorch_model.bin), or use model.pretrained=minilm for the embedded weights.");
    }

    public WeightLoadReport LoadInto(BertForSequenceClassification model)
    {
        var safetensors = System.IO.Path.Combine(Path, "model.safetensors");
        var pickle = System.IO.Path.Combine(Path, "pytorch_model.bin");
        using var scope = NewDisposeScope();
        if (File.Exists(safetensors))
            return StateDictLoader.Load(model, Safetensors.LoadStateDict(safetensors), safetensors);
        if (File.Exists(pickle))
        {
            var table = PyTorchUnpickler.UnpickleStateDict(pickle);
            var weights = table.Keys.Cast<string>().ToDictionary(k => k, k => (Tensor)table[k]!);
            return StateDictLoader.Load(model, weights, pickle);
        }
        throw new ModelException($"Pretrained model folder '{Path}' has no weights file.",
            "Expected model.safetensors or pytorch_model.bin beside config.json.");
    }
}
