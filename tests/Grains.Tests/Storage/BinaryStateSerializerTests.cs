using Truora.Silo.Storage;

namespace Truora.Grains.Tests.Storage;

public sealed class BinaryStateSerializerTests
{
    private readonly BinaryStateSerializer serializer = TestSerializers.Binary();

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(200_000)] // many pooled segments
    public void AStateComesBackAsItWasWritten(int length)
    {
        var state = new ProbeState { Value = new string('x', length) + "end", ReminderFirings = length, FiredOnSilo = "s1" };

        var bytes = serializer.Serialize(state);
        var back = serializer.Deserialize<ProbeState>(bytes);

        Assert.Equal(state.Value, back?.Value);
        Assert.Equal(length, back?.ReminderFirings);
        Assert.Equal("s1", back?.FiredOnSilo);
    }

    [Fact]
    public void NoStateIsWrittenAsNull() =>
        Assert.Null(serializer.Deserialize<ProbeState>(serializer.Serialize<ProbeState>(null)));
}
