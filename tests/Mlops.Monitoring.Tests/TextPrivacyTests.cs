using Mlops.Monitoring.Events;

namespace Mlops.Monitoring.Tests;

public sealed class TextPrivacyTests
{
    [Fact]
    public void By_default_only_a_salted_hash_leaves_and_the_salt_decides_it()
    {
        using var salted = new TextPrivacy(logText: false, salt: "s1");
        Assert.Null(salted.Text("the dog sleeps."));
        using var same = new TextPrivacy(false, "s1");
        using var other = new TextPrivacy(false, "s2");
        Assert.Equal(salted.Hash("the dog sleeps."), same.Hash("the dog sleeps."));
        Assert.Equal(salted.Hash("the dog sleeps."), salted.Hash("the dog sleeps.")); // the keyed hash resets between texts
        Assert.NotEqual(salted.Hash("the dog sleeps."), other.Hash("the dog sleeps."));
        Assert.NotEqual(salted.Hash("the dog sleeps."), salted.Hash("the dog sleeps"));
        using var random1 = new TextPrivacy(false, "");
        using var random2 = new TextPrivacy(false, "");
        Assert.NotEqual(random1.Hash("x"), random2.Hash("x")); // a random salt per process
        Assert.Matches("^hmac-sha256:[0-9a-f]{32}$", salted.Hash("the dog sleeps."));
    }

    [Fact]
    public void The_text_itself_only_when_allowed()
    {
        using var open = new TextPrivacy(logText: true, salt: "");
        Assert.Equal("the dog sleeps.", open.Text("the dog sleeps."));
    }

    [Fact]
    public void A_sentence_pair_hashes_as_one_input_of_both_texts()
    {
        using var privacy = new TextPrivacy(false, "s1");
        var pair = privacy.Hash("a man sleeps.", "someone is asleep.");
        Assert.Equal(pair, privacy.Hash("a man sleeps.", "someone is asleep."));
        Assert.NotEqual(pair, privacy.Hash("a man sleeps."));
        Assert.NotEqual(pair, privacy.Hash("a man sleeps.", "someone is awake."));
        Assert.NotEqual(pair, privacy.Hash("someone is asleep.", "a man sleeps."));
        // Where one text ends counts: the two texts run together are another input.
        Assert.NotEqual(pair, privacy.Hash("a man sleeps.someone is asleep."));
        Assert.NotEqual(privacy.Hash("ab", "c"), privacy.Hash("a", "bc"));
        Assert.Equal(privacy.Hash("a man sleeps." + TextPrivacy.PairSeparator + "someone is asleep."), pair);
    }
}
