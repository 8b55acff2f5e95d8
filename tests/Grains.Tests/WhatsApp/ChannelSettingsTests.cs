using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Grains.Tests.WhatsApp;

public sealed class ChannelSettingsTests
{
    [Fact]
    public void PrintingTheSettingsShowsNoSecret()
    {
        var settings = new WhatsAppChannelSettings(
            "106540352242922", "EAAJB-access-token", "app-secret-6f3b", "verify-token-acme", "https://graph.facebook.com", "v21.0", "kyc", "Bye");

        var printed = settings.ToString();

        Assert.DoesNotContain("EAAJB-access-token", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("app-secret-6f3b", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("verify-token-acme", printed, StringComparison.Ordinal);
        Assert.Contains("PhoneNumberId = 106540352242922", printed, StringComparison.Ordinal);
        Assert.Contains("DefaultFlowId = kyc", printed, StringComparison.Ordinal);
    }
}
