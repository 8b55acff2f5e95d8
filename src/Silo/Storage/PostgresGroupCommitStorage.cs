using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Storage;
using Truora.Grains.Storage;

namespace Truora.Silo.Storage;

/// <summary>
/// Grain state in <c>truora_grain_state</c>, read and written through <see cref="GroupCommit{TItem, TResult}"/>: a
/// contact's first message costs a read and two writes, and with the Orleans provider each was a round trip of its
/// own (BENCHMARKS.md: three statements a message cap ingest at a seventh of what the database does). Here the
/// reads and writes of every grain of the silo share round trips. Versions are checked as the providers check
/// ETags: a write naming a version the row no longer has fails with <see cref="InconsistentStateException"/>.
/// </summary>
public sealed class PostgresGroupCommitStorage : IGrainStorage, IAsyncDisposable
{
    // "grain_id = ANY" keeps every statement on the primary key: joined to unnest alone, PostgreSQL cannot tell how
    // few rows the arrays hold and hashes the whole table (1.4 ms a batch at 70,000 rows; pg_stat_statements).
    private const string ReadStates = """
        SELECT grain_id, state_name, version, payload FROM truora_grain_state
        WHERE service_id = $1 AND grain_id = ANY($2::text[])
        """;

    private const string InsertStates = """
        INSERT INTO truora_grain_state (service_id, grain_id, state_name, version, payload)
        SELECT $1, k.grain_id, k.state_name, 1, k.payload FROM unnest($2::text[], $3::text[], $4::bytea[]) AS k(grain_id, state_name, payload)
        ON CONFLICT DO NOTHING
        RETURNING grain_id, state_name, version
        """;

    private const string UpdateStates = """
        UPDATE truora_grain_state AS s SET version = s.version + 1, payload = k.payload
        FROM unnest($2::text[], $3::text[], $4::int[], $5::bytea[]) AS k(grain_id, state_name, version, payload)
        WHERE s.service_id = $1 AND s.grain_id = ANY($2::text[])
          AND s.grain_id = k.grain_id AND s.state_name = k.state_name AND s.version = k.version
        RETURNING s.grain_id, s.state_name, s.version
        """;

    private readonly NpgsqlDataSource database;
    private readonly string serviceId;
    private readonly IGrainStorageSerializer serializer;
    private readonly GroupCommit<StateKey, StoredState?> reads;
    private readonly GroupCommit<StateWrite, int?> writes;

    public PostgresGroupCommitStorage(
        NpgsqlDataSource database, IOptions<ClusterOptions> cluster, IGrainStorageSerializer serializer, IOptions<GroupCommitOptions> options)
    {
        this.database = database;
        this.serializer = serializer;
        serviceId = cluster.Value.ServiceId;
        reads = new(ReadAsync, static _ => false, options.Value);
        writes = new(WriteAsync, static _ => false, options.Value);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var stored = await reads.CommitAsync(new StateKey(grainId.ToString(), stateName));
        if (stored is null)
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = serializer.Deserialize<T>(new BinaryData(stored.Payload))!;
        grainState.ETag = stored.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // Serialized before the first await, in the grain's turn: the bytes are the state it asked to write, whatever
        // an interleaved call changes while the batch waits.
        var payload = serializer.Serialize(grainState.State);
        var expected = grainState.ETag is { } etag ? int.Parse(etag, CultureInfo.InvariantCulture) : (int?)null;
        var version = await writes.CommitAsync(new StateWrite(new StateKey(grainId.ToString(), stateName), expected, Bytes(payload)));
        if (version is not { } written)
        {
            throw new InconsistentStateException(
                $"The state '{stateName}' of {grainId} was written by another activation.", "(newer)", grainState.ETag ?? "(none)");
        }

        grainState.ETag = written.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (grainState.ETag is { } etag)
        {
            await using var command = database.CreateCommand(
                "DELETE FROM truora_grain_state WHERE service_id = $1 AND grain_id = $2 AND state_name = $3 AND version = $4");
            command.Parameters.Add(new() { Value = serviceId });
            command.Parameters.Add(new() { Value = grainId.ToString() });
            command.Parameters.Add(new() { Value = stateName });
            command.Parameters.Add(new() { Value = int.Parse(etag, CultureInfo.InvariantCulture) });
            if (await command.ExecuteNonQueryAsync() == 0)
            {
                throw new InconsistentStateException($"The state '{stateName}' of {grainId} was written by another activation.", "(newer)", etag);
            }
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private async Task<StoredState?[]> ReadAsync(IReadOnlyList<StateKey> keys, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(ReadStates);
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = keys.Select(key => key.GrainId).Distinct().ToArray() });
        var found = new Dictionary<StateKey, StoredState>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                found[new StateKey(reader.GetString(0), reader.GetString(1))] = new StoredState(reader.GetInt32(2), reader.GetFieldValue<byte[]>(3));
            }
        }

        return [.. keys.Select(key => found.GetValueOrDefault(key))];
    }

    /// <summary>
    /// One round trip for the batch: first writes as inserts, the others as version-checked updates. A key named
    /// twice in one batch (two activations of one grain) is written once at most; the later one fails as it would
    /// against the row the first one wrote.
    /// </summary>
    private async Task<int?[]> WriteAsync(IReadOnlyList<StateWrite> batch, CancellationToken cancellationToken)
    {
        var results = new int?[batch.Count];
        var first = new HashSet<StateKey>();
        var inserts = new List<int>();
        var updates = new List<int>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (first.Add(batch[i].Key))
            {
                (batch[i].ExpectedVersion is null ? inserts : updates).Add(i);
            }
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var statements = new NpgsqlBatch(connection);
        if (inserts.Count > 0)
        {
            statements.BatchCommands.Add(new NpgsqlBatchCommand(InsertStates)
            {
                Parameters =
                {
                    new() { Value = serviceId },
                    new() { Value = inserts.Select(i => batch[i].Key.GrainId).ToArray() },
                    new() { Value = inserts.Select(i => batch[i].Key.StateName).ToArray() },
                    new() { Value = inserts.Select(i => batch[i].Payload).ToArray() },
                },
            });
        }

        if (updates.Count > 0)
        {
            statements.BatchCommands.Add(new NpgsqlBatchCommand(UpdateStates)
            {
                Parameters =
                {
                    new() { Value = serviceId },
                    new() { Value = updates.Select(i => batch[i].Key.GrainId).ToArray() },
                    new() { Value = updates.Select(i => batch[i].Key.StateName).ToArray() },
                    new() { Value = updates.Select(i => batch[i].ExpectedVersion!.Value).ToArray() },
                    new() { Value = updates.Select(i => batch[i].Payload).ToArray() },
                },
            });
        }

        var written = new Dictionary<StateKey, int>();
        await using (var reader = await statements.ExecuteReaderAsync(cancellationToken))
        {
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    written[new StateKey(reader.GetString(0), reader.GetString(1))] = reader.GetInt32(2);
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }

        foreach (var i in inserts.Concat(updates))
        {
            results[i] = written.TryGetValue(batch[i].Key, out var version) ? version : null;
        }

        return results;
    }

    private static byte[] Bytes(BinaryData payload) =>
        MemoryMarshal.TryGetArray(payload.ToMemory(), out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : payload.ToArray();

    public async ValueTask DisposeAsync() =>
        await Task.WhenAll(writes.DisposeAsync().AsTask(), reads.DisposeAsync().AsTask());

    private readonly record struct StateKey(string GrainId, string StateName);

    private sealed record StoredState(int Version, byte[] Payload);

    private sealed record StateWrite(StateKey Key, int? ExpectedVersion, byte[] Payload);
}
