using Truora.Grains.Storage;

namespace Truora.Grains.Tests.Storage;

/// <summary>A grain that exists only to prove storage, reminders and clustering work end to end.</summary>
[Alias("Truora.Tests.IProbeGrain")]
public interface IProbeGrain : IGrainWithStringKey
{
    [Alias("Set")] Task SetAsync(string value);

    [Alias("Get")] Task<ProbeSnapshot> GetAsync();

    [Alias("ScheduleOnce")] Task ScheduleOnceAsync(TimeSpan dueIn, TimeSpan retryPeriod);
}

[GenerateSerializer, Immutable, Alias("Truora.Tests.ProbeSnapshot")]
public sealed record ProbeSnapshot(
    [property: Id(0)] string? Value,
    [property: Id(1)] Guid Activation,
    [property: Id(2)] int ReminderFirings,
    [property: Id(3)] string? FiredOnSilo);

[GenerateSerializer]
public sealed class ProbeState
{
    [Id(0)] public string? Value { get; set; }
    [Id(1)] public int ReminderFirings { get; set; }
    [Id(2)] public string? FiredOnSilo { get; set; }
}

public sealed class ProbeGrain(
    [PersistentState("probe", GrainStorage.Name)] IPersistentState<ProbeState> state) : Grain, IProbeGrain, IRemindable
{
    private const string ReminderName = "probe-once";
    private readonly Guid activation = Guid.NewGuid();

    public async Task SetAsync(string value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }

    public Task<ProbeSnapshot> GetAsync() =>
        Task.FromResult(new ProbeSnapshot(state.State.Value, activation, state.State.ReminderFirings, state.State.FiredOnSilo));

    public Task ScheduleOnceAsync(TimeSpan dueIn, TimeSpan retryPeriod) =>
        this.RegisterOrUpdateReminder(ReminderName, dueIn, retryPeriod);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.ReminderFirings++;
        state.State.FiredOnSilo = RuntimeIdentity;
        await state.WriteStateAsync();
        if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
