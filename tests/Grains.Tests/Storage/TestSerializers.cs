using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Session;
using Truora.Silo.Storage;

namespace Truora.Grains.Tests.Storage;

internal static class TestSerializers
{
    /// <summary>The node's state serializer over an Orleans serializer that knows this solution's types.</summary>
    public static BinaryStateSerializer Binary()
    {
        var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        return new BinaryStateSerializer(services.GetRequiredService<Serializer>(), services.GetRequiredService<SerializerSessionPool>());
    }
}
