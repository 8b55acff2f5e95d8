namespace Truora.Grains.Interfaces.Conversations;

/// <summary>Why a conversation closed: an agent closed it, or it reached its expiry.</summary>
public enum ClosedReason
{
    Agent = 1,
    Expired = 2,
}
