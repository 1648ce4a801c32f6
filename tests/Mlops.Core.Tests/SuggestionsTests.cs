using Mlops.Core;

namespace Mlops.Core.Tests;

public class SuggestionsTests
{
    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("cola", "cola", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("colla", "cola", 1)]
    public void Distance_is_levenshtein(string a, string b, int expected) => Assert.Equal(expected, Suggestions.Distance(a, b));

    [Fact]
    public void Suggests_the_closest_choice_within_two_edits()
    {
        Assert.Equal("cola", Suggestions.Closest("Colla", ["synthetic", "cola"]));
        Assert.Null(Suggestions.Closest("imagenet", ["synthetic", "cola"]));
    }

    [Fact]
    public void Hint_lists_choices_and_the_suggestion()
    {
        Assert.Equal("Valid datasets: synthetic, cola. Did you mean 'cola'?", Suggestions.Hint("datasets", "cloa", ["synthetic", "cola"]));
        Assert.Equal("Valid datasets: synthetic, cola.", Suggestions.Hint("datasets", "mnist", ["synthetic", "cola"]));
    }
}
