using System.Security.Cryptography;
using System.Text;
using Truora.Api.WhatsApp;

namespace Truora.Api.Tests.WhatsApp;

public sealed class WebhookSignatureTests
{
    // The well-known HMAC-SHA256 example: key "key", message "The quick brown fox jumps over the lazy dog".
    private const string Secret = "key";
    private const string Body = "The quick brown fox jumps over the lazy dog";
    private const string Hex = "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8";

    [Fact]
    public void TheHmacOfTheRawBodyWithTheAppSecretIsAccepted() =>
        Assert.True(WebhookSignature.IsValid(Encoding.UTF8.GetBytes(Body), "sha256=" + Hex, Secret));

    [Fact]
    public void UppercaseHexIsAccepted() =>
        Assert.True(WebhookSignature.IsValid(Encoding.UTF8.GetBytes(Body), "sha256=" + Hex.ToUpperInvariant(), Secret));

    [Fact]
    public void AWebhookSignedLikeMetaSignsItIsAccepted()
    {
        const string appSecret = "4f9d8c8b7a6e5d4c3b2a19080706f5e4";
        var body = WebhookBodies.Utf8(WebhookBodies.TextMessage);
        var header = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body));

        Assert.True(WebhookSignature.IsValid(body, header, appSecret));
    }

    [Fact]
    public void ASignatureMadeWithAnotherSecretIsRefused() =>
        Assert.False(WebhookSignature.IsValid(Encoding.UTF8.GetBytes(Body), "sha256=" + Hex, "another-secret"));

    [Fact]
    public void ATamperedBodyIsRefused()
    {
        var body = Encoding.UTF8.GetBytes(Body);
        body[^1] = (byte)'G';

        Assert.False(WebhookSignature.IsValid(body, "sha256=" + Hex, Secret));
    }

    [Fact]
    public void AnEmptyAppSecretRefusesEverything() =>
        Assert.False(WebhookSignature.IsValid(Encoding.UTF8.GetBytes(Body), "sha256=" + Hex, ""));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData(Hex)]
    [InlineData("sha1=" + Hex)]
    [InlineData("SHA256=" + Hex)]
    [InlineData("sha256:" + Hex)]
    [InlineData(" sha256=" + Hex)]
    [InlineData("sha256=" + Hex + " ")]
    [InlineData("sha256=" + Hex + "00")]
    [InlineData("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3c")]
    [InlineData("sha256=zzbc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")]
    [InlineData("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd ")]
    public void AMissingOrMalformedHeaderIsRefused(string? header) =>
        Assert.False(WebhookSignature.IsValid(Encoding.UTF8.GetBytes(Body), header, Secret));
}
