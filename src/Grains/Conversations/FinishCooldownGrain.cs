using Truora.Grains.Access;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Storage;

namespace Truora.Grains.Conversations;

public sealed class FinishCooldownGrain(
    [PersistentState("finish-cooldown", GrainStorage.Name)] IPersistentState<FinishCooldownState> state,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IFinishCooldownGrain, ITenantOwnedGrain
{
    /// <summary>The cooldown key of the tenant admin key: not a valid member id, so it never collides with one.</summary>
    public const string TenantAdminCaller = "~admin";

    private static readonly TimeSpan[] Ladder =
        [TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30)];

    private static readonly TimeSpan ResetAfter = TimeSpan.FromHours(24);

    public async Task<TimeSpan?> TryFinishAsync()
    {
        var now = clock.GetUtcNow();
        var cooldown = state.State;
        var reset = cooldown.LastFinishAt is not { } last || now - last >= ResetAfter;
        if (!reset)
        {
            var allowedAt = cooldown.LastFinishAt!.Value + CooldownAfter(cooldown.Finishes);
            if (now < allowedAt)
            {
                return allowedAt - now;
            }
        }

        cooldown.Finishes = reset ? 1 : cooldown.Finishes + 1;
        cooldown.LastFinishAt = now;
        await state.WriteStateAsync();
        return null;
    }

    /// <summary>The wait after the n-th finish of the ladder: 5, 10, 15, then 30 minutes from then on.</summary>
    public static TimeSpan CooldownAfter(int finishes) => Ladder[Math.Clamp(finishes, 1, Ladder.Length) - 1];
}
