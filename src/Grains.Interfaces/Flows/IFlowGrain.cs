namespace Truora.Grains.Interfaces.Flows;

/// <summary>
/// A flow definition and its versions, keyed <c>tenant/flow</c>. Each save is a new version; a user already
/// in a flow keeps running the version it started with, even after the flow is edited or deleted.
/// </summary>
[Alias("Truora.IFlowGrain")]
public interface IFlowGrain : IGrainWithStringKey
{
    /// <summary>Validates and saves the flow (JSON text of the contract's shape).</summary>
    [Alias("Save")] Task<FlowSaved> SaveAsync(string json);

    /// <summary>The current version; null when the flow does not exist (or was deleted).</summary>
    [ReadOnly, Alias("Get")] Task<FlowVersion?> GetAsync();

    /// <summary>A version a session started with, kept even after the flow is edited or deleted.</summary>
    [ReadOnly, Alias("GetVersion")] Task<FlowVersion?> GetVersionAsync(int version);

    [Alias("Delete")] Task<bool> DeleteAsync();
}
