namespace Truora.Grains.Interfaces.WhatsApp;

/// <summary>The values of <see cref="InboundMessage.Kind"/>.</summary>
public static class InboundMessageKinds
{
    public const string Text = "text";
    public const string Interactive = "interactive";
    public const string Button = "button";
    public const string Unsupported = "unsupported";
}
