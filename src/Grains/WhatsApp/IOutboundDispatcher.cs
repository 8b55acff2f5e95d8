namespace Truora.Grains.WhatsApp;

/// <summary>
/// Takes messages to send off the grains' turns; a job it already holds (same contact, same first message) is not
/// queued twice.
/// </summary>
public interface IOutboundDispatcher
{
    void Enqueue(OutboundJob job);
}
