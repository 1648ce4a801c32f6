using Mlops.Data.Synthetic;

namespace Mlops.Data.Tests.Synthetic;

public class SyntheticGrammarTests
{
    [Theory]
    [InlineData("the dog sleeps.")]
    [InlineData("the dogs sleep.")]
    [InlineData("the dogs slept.")]
    [InlineData("the dogs like a cat.")]
    [InlineData("mary gave the book to john.")]
    [InlineData("mary gave john the book.")]
    [InlineData("an old dog often sleeps quietly in the garden.")]
    [InlineData("the dogs who like the cat sleep.")]
    [InlineData("the dog near the barn admired these red apples.")]
    [InlineData("many children handed the teacher an umbrella.")]
    public void Accepts_grammatical_sentences(string sentence) => Assert.True(SyntheticGrammar.IsGrammatical(sentence));

    [Theory]
    // Agreement.
    [InlineData("the dogs sleeps.")]
    [InlineData("the dog sleep.")]
    [InlineData("the dog who like the cat sleeps.")]
    [InlineData("the dog near the barns sleep.")]
    [InlineData("mary like the cat.")]
    // Word order.
    [InlineData("dog the sleeps.")]
    [InlineData("the dog big sleeps.")]
    [InlineData("sleeps the dog.")]
    [InlineData("the dog sleeps the garden in.")]
    [InlineData("the boy likes cat the.")]
    // Missing argument.
    [InlineData("the dog likes.")]
    [InlineData("the dog likes in the garden.")]
    [InlineData("mary showed to john.")]
    [InlineData("mary gave the book to.")]
    [InlineData("mary handed the book.")]
    // Extra argument.
    [InlineData("the dog sleeps the cat.")]
    [InlineData("the dog sleeps mary quietly.")]
    // Determiner number, unknown words, form.
    [InlineData("these dog sleeps.")]
    [InlineData("dogs sleep.")]
    [InlineData("the dog barks.")]
    [InlineData("the dog sleeps")]
    [InlineData("the  dog sleeps.")]
    [InlineData(".")]
    [InlineData("")]
    public void Rejects_ungrammatical_sentences(string sentence) => Assert.False(SyntheticGrammar.IsGrammatical(sentence));

    [Fact]
    public void Vocabulary_is_lowercase_ascii_and_small()
    {
        Assert.InRange(SyntheticGrammar.Vocabulary.Count, 100, 399);
        Assert.All(SyntheticGrammar.Vocabulary, w => Assert.Matches("^[a-z]+$", w));
    }
}
