namespace Truora.Grains.WhatsApp;

/// <summary>Takes messages to send off the grains' turns; a message it already holds is not queued twice.</summary>
public interface IOutboundDispatcher
{
    void Enqueue(OutboundJob job);
}
