using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Truora.Silo.Hosting;

/// <summary>
/// Readiness: this silo is an active member and the cluster answers a grain call (the management grain reads
/// the membership the other silos agreed on). The description counts the active silos in this silo's own view,
/// which is what its calls are placed and routed by: after a node dies it drops to the survivors only once this
/// silo has learned of the death, a moment after the membership table says so.
/// </summary>
public sealed class ClusterHealthCheck(IGrainFactory grains, ILocalSiloDetails localSilo, IClusterMembershipService membership) : IHealthCheck
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0)
                .GetHosts(onlyActive: true)
                .WaitAsync(CallTimeout, cancellationToken);
            if (!hosts.ContainsKey(localSilo.SiloAddress))
            {
                return HealthCheckResult.Unhealthy($"Silo {localSilo.SiloAddress} is not an active member yet.");
            }

            var seen = membership.CurrentSnapshot.Members.Values.Count(member => member.Status == SiloStatus.Active);
            return HealthCheckResult.Healthy($"{seen} active silo(s) in the view of this silo.");
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException or InvalidOperationException or System.Data.Common.DbException)
        {
            // Named, not explained: the report is public, and an exception's text can carry hosts and ports.
            return HealthCheckResult.Unhealthy("The cluster does not answer: its membership could not be read.");
        }
    }
}
