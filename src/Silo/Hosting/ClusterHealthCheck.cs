using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Truora.Silo.Hosting;

/// <summary>
/// Readiness: this silo is an active member and the cluster answers a grain call
/// (the management grain reads the membership the other silos agreed on).
/// </summary>
public sealed class ClusterHealthCheck(IGrainFactory grains, ILocalSiloDetails localSilo) : IHealthCheck
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0)
                .GetHosts(onlyActive: true)
                .WaitAsync(CallTimeout, cancellationToken);
            return hosts.ContainsKey(localSilo.SiloAddress)
                ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s).")
                : HealthCheckResult.Unhealthy($"Silo {localSilo.SiloAddress} is not an active member yet.");
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy($"The cluster does not answer: {ex.Message}");
        }
    }
}
