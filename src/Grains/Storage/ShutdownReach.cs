using Microsoft.Extensions.Options;

namespace Truora.Grains.Storage;

/// <summary>
/// What a grain that its silo's shutdown deactivates can still reach. The last silo of a cluster has nowhere to
/// place a grain it calls, and in memory mode its storage grains go down with it: a deactivation's publish or
/// write could only fail there (each failure logged by Orleans, by the placement's retries and by us), and in
/// memory mode what it would write dies with the process anyway. Grains skip such work instead.
/// </summary>
public sealed class ShutdownReach(IClusterMembershipService membership, ILocalSiloDetails silo, IOptions<GrainStorageOptions> storage)
{
    /// <summary>Another grain can be called: this is no shutdown, or another silo is active to place it on.</summary>
    public bool CanCallOthers(DeactivationReason reason) =>
        reason.ReasonCode != DeactivationReasonCode.ShuttingDown || OtherSiloActive();

    /// <summary>
    /// A state written now is kept: this is no shutdown, storage is durable, or (memory) another silo holds it. Never for
    /// a duplicate activation (a silo's death can briefly leave two): the surviving one owns the state, and this one's
    /// write could only fail on its ETag.
    /// </summary>
    public bool CanWriteState(DeactivationReason reason) =>
        reason.ReasonCode != DeactivationReasonCode.DuplicateActivation
        && (reason.ReasonCode != DeactivationReasonCode.ShuttingDown || storage.Value.Durable || OtherSiloActive());

    private bool OtherSiloActive()
    {
        foreach (var member in membership.CurrentSnapshot.Members.Values)
        {
            if (member.Status == SiloStatus.Active && !member.SiloAddress.Equals(silo.SiloAddress))
            {
                return true;
            }
        }

        return false;
    }
}
