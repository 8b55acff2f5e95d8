using Orleans.Serialization;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Session;
using Orleans.Storage;

namespace Truora.Silo.Storage;

/// <summary>
/// Grain state in Orleans' binary format, written into pooled memory and copied out once at its final size.
/// Orleans' own <see cref="OrleansGrainStorageSerializer"/> grows a fresh array by doubling, which made a tenth of
/// the bytes the ingest path allocated (a contact's state is rewritten on every message; BENCHMARKS.md).
/// </summary>
public sealed class BinaryStateSerializer(Serializer serializer, SerializerSessionPool sessions) : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input)
    {
        if (input is SerializedState snapshot)
        {
            return snapshot.Payload;
        }

        using var session = sessions.GetSession();
        var writer = Writer.CreatePooled(session);
        try
        {
            serializer.Serialize(input, ref writer);
            return new BinaryData(writer.Output.ToArray());
        }
        finally
        {
            writer.Dispose();
        }
    }

    public T? Deserialize<T>(BinaryData input) => serializer.Deserialize<T>(input.ToMemory());
}
