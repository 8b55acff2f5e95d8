namespace Truora.Grains.Interfaces.Conversations;

/// <summary>
/// The finish cooldown ladder of one caller, keyed <c>tenant/member</c> (the tenant admin key counts as one
/// caller of its own): after a finish, 5, then 10, then 15, then 30 minutes, reset after 24 hours without one.
/// </summary>
[Alias("Truora.IFinishCooldownGrain")]
public interface IFinishCooldownGrain : IGrainWithStringKey
{
    /// <summary>Records a finish now and returns null, or returns how long until the caller may finish again.</summary>
    [Alias("TryFinish")] Task<TimeSpan?> TryFinishAsync();
}
