using Truora.Grains.Access;

namespace Truora.Grains.Tests.Access;

public sealed class OriginAllowListTests
{
    private static readonly OriginAllowList Allowed = OriginAllowList.Parse("https://graph.facebook.com, http://127.0.0.1, http://[::1]:8080");

    [Theory]
    [InlineData("https://graph.facebook.com")]
    [InlineData("https://graph.facebook.com/")]
    [InlineData("https://GRAPH.facebook.com")]
    [InlineData("https://graph.facebook.com:443")]
    [InlineData("https://graph.facebook.com:8443")]
    [InlineData("http://127.0.0.1:9")]
    [InlineData("http://127.0.0.1:50123/base")]
    [InlineData("http://[::1]:8080")]
    public void AllowsTheListedOrigins(string url) => Assert.True(Allowed.Allows(url), url);

    [Theory]
    [InlineData("http://graph.facebook.com")]
    [InlineData("https://graph.facebook.com.attacker.example")]
    [InlineData("https://attacker.example@graph.facebook.com")]
    [InlineData("https://graph.facebook.com@attacker.example")]
    [InlineData("https://xn--grph-loa.facebook.com")]
    [InlineData("http://127.0.0.2")]
    [InlineData("http://localhost")]
    [InlineData("http://[::1]:8081")]
    [InlineData("ftp://127.0.0.1")]
    [InlineData("/relative")]
    [InlineData("")]
    public void RefusesEverythingElse(string url) => Assert.False(Allowed.Allows(url), url);

    [Theory]
    [InlineData("graph.facebook.com")]
    [InlineData("https://graph.facebook.com/v21.0")]
    [InlineData("https://user:pass@graph.facebook.com")]
    [InlineData("file:///etc/passwd")]
    public void AnEntryThatIsNoOriginIsRefusedAtStartUp(string setting) =>
        Assert.Throws<FormatException>(() => OriginAllowList.Parse(setting));

    [Fact]
    public void AnIpv6EntryWithoutAPortAllowsAnyPort() =>
        Assert.True(OriginAllowList.Parse("http://[::1]").Allows("http://[::1]:5080"));
}
