namespace Truora.Grains.WhatsApp;

/// <summary>Takes messages to send off the grains' turns; a contact's job is not queued while it holds one.</summary>
public interface IOutboundDispatcher
{
    void Enqueue(OutboundJob job);
}
