using Mlops.Monitoring.Events;

namespace Mlops.Monitoring.Tests;

public sealed class TextPrivacyTests
{
    [Fact]
    public void By_default_only_a_salted_hash_leaves_and_the_salt_decides_it()
    {
        var salted = new TextPrivacy(logText: false, salt: "s1");
        Assert.Null(salted.Text("the dog sleeps."));
        Assert.Equal(salted.Hash("the dog sleeps."), new TextPrivacy(false, "s1").Hash("the dog sleeps."));
        Assert.NotEqual(salted.Hash("the dog sleeps."), new TextPrivacy(false, "s2").Hash("the dog sleeps."));
        Assert.NotEqual(salted.Hash("the dog sleeps."), salted.Hash("the dog sleeps"));
        Assert.NotEqual(new TextPrivacy(false, "").Hash("x"), new TextPrivacy(false, "").Hash("x")); // a random salt per process
        Assert.Matches("^hmac-sha256:[0-9a-f]{32}$", salted.Hash("the dog sleeps."));
    }

    [Fact]
    public void The_text_itself_only_when_allowed()
    {
        Assert.Equal("the dog sleeps.", new TextPrivacy(logText: true, salt: "").Text("the dog sleeps."));
    }
}
