using Mlops.Core;
using Mlops.Data.Tokenization;

namespace Mlops.Inference.Tests;

public sealed class TextClassifierTests
{
    private static readonly string[] Words = Enumerable.Range(0, 40).Select(i => $"w{i}").ToArray();
    private static readonly WordPieceTokenizer Tokenizer = WordPieceTokenizer.FromText("[PAD]\n[UNK]\n[CLS]\n[SEP]\n" + string.Join('\n', Words) + "\n", "test");
    private static readonly ClassifierSpec Spec = new(["a", "b", "c"], MaxLength: 12, ModelId: "sha256:test");

    private static List<string> Texts(int count, int seed = 5)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(0, 16)).Select(_ => Words[random.Next(Words.Length)]))).ToList();
    }

    [Fact]
    public void Each_text_gets_the_softmax_of_its_own_logits_in_input_order()
    {
        var engine = new CountingEngine();
        using var classifier = new TextClassifier(engine, Tokenizer, Spec, batchSize: 4);
        var texts = Texts(23);
        var predictions = classifier.Predict(texts);
        Assert.Equal(texts, predictions.Select(p => p.Text));
        for (var i = 0; i < texts.Count; i++)
        {
            var expected = Logits.Softmax(CountingEngine.Expected(Tokenizer.Encode(texts[i], Spec.MaxLength)));
            Assert.Equal(expected, predictions[i].Probabilities);
            Assert.Equal(Spec.Labels[Logits.ArgMax(expected)], predictions[i].Label);
        }
        // Batches hold at most 4 texts, padded to their own longest (at most max_length), never to a fixed width.
        Assert.All(engine.Batches, b => Assert.InRange(b.Rows, 1, 4));
        Assert.All(engine.Batches, b => Assert.InRange(b.Columns, 2, Spec.MaxLength));
        Assert.True(engine.Batches.Select(b => b.Columns).Distinct().Count() > 1);
    }

    [Fact]
    public void Many_callers_at_once_get_what_one_caller_gets()
    {
        using var classifier = new TextClassifier(new CountingEngine(), Tokenizer, Spec, batchSize: 8);
        var inputs = Enumerable.Range(0, 16).Select(seed => Texts(37, seed)).ToList();
        var sequential = inputs.Select(t => classifier.Predict(t)).ToList();
        var concurrent = new IReadOnlyList<Prediction>[inputs.Count];
        Parallel.For(0, inputs.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => concurrent[i] = classifier.Predict(inputs[i]));
        for (var i = 0; i < inputs.Count; i++)
            Assert.Equal(sequential[i].Select(p => (p.Text, p.Label, p.Probabilities[0])), concurrent[i].Select(p => (p.Text, p.Label, p.Probabilities[0])));
    }

    [Fact]
    public void No_texts_give_no_predictions_and_an_empty_text_is_still_classified()
    {
        using var classifier = new TextClassifier(new CountingEngine(), Tokenizer, Spec, batchSize: 4);
        Assert.Empty(classifier.Predict(Array.Empty<string>()));
        var empty = Assert.Single(classifier.Predict([""]));
        Assert.Equal(Logits.Softmax(CountingEngine.Expected([2, 3])), empty.Probabilities); // [CLS] [SEP]
    }

    [Fact]
    public void Each_pair_gets_the_logits_of_its_own_ids_and_type_ids()
    {
        var engine = new CountingEngine();
        using var classifier = new TextClassifier(engine, Tokenizer, Spec with { TakesPairs = true }, batchSize: 4);
        var inputs = Texts(19).Zip(Texts(19, seed: 6), (a, b) => new TextInput(a, b)).ToList();
        var predictions = classifier.Predict(inputs);
        Assert.Equal(inputs.Select(i => (i.Text, i.Pair)), predictions.Select(p => (p.Text, p.Pair)));
        for (var i = 0; i < inputs.Count; i++)
        {
            var (ids, types) = Tokenizer.EncodePair(inputs[i].Text, inputs[i].Pair!, Spec.MaxLength);
            Assert.Equal(Logits.Softmax(CountingEngine.Expected(ids, types)), predictions[i].Probabilities);
            Assert.Equal(ids.Length - 3, predictions[i].Tokens);
        }
        Assert.Contains(engine.Batches, b => b.Columns == Spec.MaxLength);
    }

    [Fact]
    public void A_single_text_model_gives_text_inputs_without_pairs_what_it_gives_texts()
    {
        using var classifier = new TextClassifier(new CountingEngine(), Tokenizer, Spec, batchSize: 4);
        var texts = Texts(9);
        Assert.Equal(classifier.Predict(texts).Select(p => p.Probabilities), classifier.Predict(TextInput.FromTexts(texts)).Select(p => p.Probabilities));
        Assert.False(classifier.TakesPairs);
    }

    [Fact]
    public void A_model_whose_labels_do_not_match_its_logits_is_refused()
    {
        var error = Assert.Throws<MlopsException>(() => new TextClassifier(new CountingEngine(), Tokenizer, Spec with { Labels = ["a", "b"] }, 4));
        Assert.Contains("3 logits but names 2 labels", error.Message);
    }

    [Fact]
    public void Softmax_is_stable_for_large_logits()
    {
        var p = Logits.Softmax([1000f, 999f]);
        Assert.Equal(1f, p.Sum(), 5);
        Assert.True(p[0] > p[1]);
        Assert.Equal(0, Logits.ArgMax(p));
    }
}
