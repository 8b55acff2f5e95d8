using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Truora.Grains.Access;

namespace Truora.Grains.Tests.Access;

public sealed class SecretBoxTests
{
    private static readonly SecretBox Box = new(Options.Create(new SecretsOptions { Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }));

    [Fact]
    public void ASealedSecretOpensForItsTenantAndField()
    {
        var sealedValue = Box.Seal("EAAJB-token", "t1", "accessToken");

        Assert.DoesNotContain("EAAJB", sealedValue, StringComparison.Ordinal);
        Assert.Equal("EAAJB-token", Box.Open(sealedValue, "t1", "accessToken"));
    }

    [Fact]
    public void TheSameSecretSealsDifferentlyEachTime() =>
        Assert.NotEqual(Box.Seal("same", "t1", "appSecret"), Box.Seal("same", "t1", "appSecret"));

    [Theory]
    [InlineData("t2", "accessToken")]
    [InlineData("t1", "appSecret")]
    public void ASealedSecretMovedToAnotherTenantOrFieldDoesNotOpen(string tenant, string field)
    {
        var sealedValue = Box.Seal("EAAJB-token", "t1", "accessToken");

        Assert.ThrowsAny<CryptographicException>(() => Box.Open(sealedValue, tenant, field));
    }

    [Fact]
    public void AnotherKeyCannotOpenIt()
    {
        var other = new SecretBox(Options.Create(new SecretsOptions { Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }));

        Assert.ThrowsAny<CryptographicException>(() => other.Open(Box.Seal("EAAJB-token", "t1", "accessToken"), "t1", "accessToken"));
    }

    [Theory]
    [InlineData("v1.not-base64!")]
    [InlineData("v1.AAAA")]
    [InlineData("plain-token")]
    public void AValueThatWasNeverSealedDoesNotOpen(string stored) =>
        Assert.ThrowsAny<CryptographicException>(() => Box.Open(stored, "t1", "accessToken"));

    [Theory]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")]
    public void AKeyThatIsNot32BytesIsRefused(string key) => Assert.Throws<FormatException>(() => SecretBox.ParseKey(key));
}
