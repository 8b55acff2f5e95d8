using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Api.Tests.WhatsApp;

/// <summary>The contract's order, pending &lt; sent &lt; failed &lt; delivered &lt; read, only ever moves forward.</summary>
public sealed class DeliveryStateOrderTests
{
    [Theory]
    [InlineData(DeliveryState.Pending, DeliveryState.Sent, DeliveryState.Sent)]
    [InlineData(DeliveryState.Sent, DeliveryState.Delivered, DeliveryState.Delivered)]
    [InlineData(DeliveryState.Delivered, DeliveryState.Read, DeliveryState.Read)]
    [InlineData(DeliveryState.Pending, DeliveryState.Read, DeliveryState.Read)]
    [InlineData(DeliveryState.Sent, DeliveryState.Failed, DeliveryState.Failed)]
    [InlineData(DeliveryState.Failed, DeliveryState.Delivered, DeliveryState.Delivered)]
    [InlineData(DeliveryState.Read, DeliveryState.Delivered, DeliveryState.Read)]
    [InlineData(DeliveryState.Delivered, DeliveryState.Failed, DeliveryState.Delivered)]
    [InlineData(DeliveryState.Read, DeliveryState.Sent, DeliveryState.Read)]
    [InlineData(DeliveryState.Failed, DeliveryState.Sent, DeliveryState.Failed)]
    [InlineData(DeliveryState.Sent, DeliveryState.Pending, DeliveryState.Sent)]
    [InlineData(DeliveryState.Delivered, DeliveryState.Delivered, DeliveryState.Delivered)]
    public void AStateOnlyMovesForward(DeliveryState current, DeliveryState incoming, DeliveryState expected) =>
        Assert.Equal(expected, DeliveryStates.Advance(current, incoming));

    [Fact]
    public void StatusesArrivingInAnyOrderEndAtTheLatest()
    {
        DeliveryState[] arrivals = [DeliveryState.Read, DeliveryState.Sent, DeliveryState.Failed, DeliveryState.Delivered];

        var state = arrivals.Aggregate(DeliveryState.Pending, DeliveryStates.Advance);

        Assert.Equal(DeliveryState.Read, state);
    }

    [Fact]
    public void EveryStateRoundTripsThroughItsWireName()
    {
        foreach (var state in Enum.GetValues<DeliveryState>())
        {
            Assert.True(DeliveryStates.TryParse(DeliveryStates.ToWireName(state), out var parsed));
            Assert.Equal(state, parsed);
        }

        Assert.Equal(
            new[] { "pending", "sent", "failed", "delivered", "read" },
            Enum.GetValues<DeliveryState>().Order().Select(DeliveryStates.ToWireName));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Sent")]
    [InlineData("deleted")]
    [InlineData("warning")]
    public void AnUnknownWireNameIsRefused(string? wire) =>
        Assert.False(DeliveryStates.TryParse(wire, out _));
}
