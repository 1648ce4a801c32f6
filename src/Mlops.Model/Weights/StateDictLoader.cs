using Mlops.Model.Bert;
using static TorchSharp.torch;

namespace Mlops.Model.Weights;

/// <summary>
/// Copies a pretrained state dict (Hugging Face key names) into a classifier. Accepts checkpoints with
/// or without the <c>bert.</c> prefix and old <c>gamma/beta</c> LayerNorm names; a shape mismatch names
/// the key and both shapes. Parameters the checkpoint lacks (the new classification head) keep their
/// initialisation and are reported.
/// </summary>
public static class StateDictLoader
{
    public static WeightLoadReport Load(BertForSequenceClassification model, IReadOnlyDictionary<string, Tensor> weights, string origin)
    {
        var normalized = new Dictionary<string, Tensor>();
        foreach (var (key, tensor) in weights)
        {
            var name = key.Replace("LayerNorm.gamma", "LayerNorm.weight").Replace("LayerNorm.beta", "LayerNorm.bias");
            if (!name.StartsWith("bert.") && !name.StartsWith("classifier.")) name = "bert." + name;
            normalized[name] = tensor;
        }
        var loaded = new List<string>();
        var missing = new List<string>();
        using (no_grad())
        {
            foreach (var (name, parameter) in model.named_parameters())
            {
                if (!normalized.TryGetValue(name, out var source))
                {
                    missing.Add(name);
                    continue;
                }
                if (!source.shape.SequenceEqual(parameter.shape))
                    throw new ModelException(
                        $"Weights '{origin}' do not fit the model: '{name}' is [{string.Join(", ", source.shape)}] in the file, " +
                        $"[{string.Join(", ", parameter.shape)}] in the model ({model.Config.Describe()}).",
                        "Use the model shape the weights were trained with (their config.json).");
                parameter.copy_(source.to_type(parameter.dtype));
                loaded.Add(name);
            }
        }
        var encoderMissing = missing.Where(m => m.StartsWith("bert.embeddings") || m.StartsWith("bert.encoder")).ToList();
        if (encoderMissing.Count > 0)
            throw new ModelException(
                $"Weights '{origin}' lack {encoderMissing.Count} encoder tensors, e.g. '{encoderMissing[0]}'.",
                "Point at a BERT checkpoint (Hugging Face BertModel or BertForSequenceClassification key names).");
        var used = new HashSet<string>(loaded);
        var unused = normalized.Keys.Where(k => !used.Contains(k) && !k.EndsWith("position_ids")).ToList();
        return new WeightLoadReport(origin, loaded.Count, missing, unused);
    }
}
