using Truora.Api.WhatsApp;

namespace Truora.Api.Tests.WhatsApp;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("+573001234567", "573001234567")]
    [InlineData("573001234567", "573001234567")]
    [InlineData("+16505551234", "16505551234")]
    [InlineData("123456", "123456")]
    [InlineData("+12345678901234567890", "12345678901234567890")]
    public void APhoneWithOrWithoutPlusBecomesItsDigits(string input, string digits)
    {
        Assert.True(PhoneNumbers.TryNormalize(input, out var normalized));
        Assert.Equal(digits, normalized.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("+")]
    [InlineData("12345")]
    [InlineData("+12345")]
    [InlineData("123456789012345678901")]
    [InlineData("++573001234567")]
    [InlineData("57 300 123 4567")]
    [InlineData("57-300-123-4567")]
    [InlineData(" 573001234567")]
    [InlineData("573001234567 ")]
    [InlineData("5730012345+67")]
    [InlineData("(57)3001234567")]
    [InlineData("57300123456a")]
    [InlineData("٥٧٣٠٠١٢٣٤٥٦٧")]
    public void AnythingElseIsRefused(string? input)
    {
        Assert.False(PhoneNumbers.TryNormalize(input, out var normalized));
        Assert.Equal(default, normalized);
    }

    [Fact]
    public void DigitsAlreadyNormalizedAreReturnedAsTheSameString()
    {
        const string digits = "573001234567";

        Assert.True(PhoneNumbers.TryNormalize(digits, out var normalized));
        Assert.Same(digits, normalized.Value);
    }
}
