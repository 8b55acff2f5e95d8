namespace Truora.Grains.Flows;

/// <summary>
/// One saved version of a flow, keyed <c>tenant/flow/version</c>: written once when saved, read by the sessions that
/// run it, forgotten once no session can. Only <see cref="FlowGrain"/> writes it.
/// </summary>
[Alias("Truora.IFlowVersionGrain")]
public interface IFlowVersionGrain : IGrainWithStringKey
{
    [Alias("Store")] Task StoreAsync(string json);

    /// <summary>The version's JSON; null once forgotten (or never stored).</summary>
    [Alias("Get")] Task<string?> GetAsync();

    [Alias("Forget")] Task ForgetAsync();
}
