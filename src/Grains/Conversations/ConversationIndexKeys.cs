using System.Globalization;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Tenants;

namespace Truora.Grains.Conversations;

/// <summary>The key of a tenant's day index: <c>tenant/yyyyMMdd</c> of the UTC day a conversation opened.</summary>
public static class ConversationIndexKeys
{
    public static string For(TenantId tenant, DateTimeOffset openedAt) =>
        EntityId.Key(tenant, openedAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
}
