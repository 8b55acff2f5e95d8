namespace Truora.Grains.Interfaces.WhatsApp;

/// <summary>The order and the wire names (<c>pending|sent|delivered|read|failed</c>) of <see cref="DeliveryState"/>.</summary>
public static class DeliveryStates
{
    /// <summary>
    /// The state after <paramref name="incoming"/> arrives. Meta's status webhooks come out of order and are retried,
    /// so an older state never replaces a newer one.
    /// </summary>
    public static DeliveryState Advance(DeliveryState current, DeliveryState incoming) =>
        incoming > current ? incoming : current;

    public static bool TryParse(string? value, out DeliveryState state)
    {
        (var ok, state) = value switch
        {
            "pending" => (true, DeliveryState.Pending),
            "sent" => (true, DeliveryState.Sent),
            "delivered" => (true, DeliveryState.Delivered),
            "read" => (true, DeliveryState.Read),
            "failed" => (true, DeliveryState.Failed),
            _ => (false, default),
        };
        return ok;
    }

    public static string ToWireName(DeliveryState state) => state switch
    {
        DeliveryState.Pending => "pending",
        DeliveryState.Sent => "sent",
        DeliveryState.Delivered => "delivered",
        DeliveryState.Read => "read",
        DeliveryState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a delivery state."),
    };
}
