namespace Mlops.Core.Tests;

public class ContentHashWriterTests
{
    [Theory]
    [InlineData("plain ascii text")]
    [InlineData("über 🐕 dog")]
    [InlineData("a lone \ud83d surrogate")]
    [InlineData("")]
    public void Any_cut_into_pieces_hashes_as_the_whole_text(string text)
    {
        // Every cut, including one between the two halves of a surrogate pair.
        for (var cut = 0; cut <= text.Length; cut++)
        {
            using var writer = new ContentHashWriter();
            Assert.Equal(ContentHash.Of(text), writer.Append(text.AsSpan(0, cut)).Append(text.AsSpan(cut)).Finish());
        }
    }

    [Fact]
    public void A_piece_longer_than_its_buffer_hashes_as_the_whole_text()
    {
        var text = string.Concat(Enumerable.Repeat("a long piece ü 🐕 ", 20_000));
        using var writer = new ContentHashWriter();
        Assert.Equal(ContentHash.Of("x" + text), writer.Append('x').Append(text).Finish());
    }
}
