namespace Truora.Grains.Interfaces.WhatsApp;

/// <summary>What WhatsApp takes in one text message, for every text the server sends there.</summary>
public static class WhatsAppText
{
    public const int MaxLength = 4096;
}
