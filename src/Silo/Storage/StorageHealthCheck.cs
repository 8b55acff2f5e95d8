using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Truora.Silo.Storage;

/// <summary>
/// Readiness: the database the cluster depends on answers (always healthy in memory mode). Anyone may read the
/// report, so a failure is named but not explained: the driver's message can carry hosts, ports and user names.
/// </summary>
public sealed class StorageHealthCheck(DatabaseProbe probe, StorageSettings settings) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problem = await probe.FindProblemAsync(requireSchema: true, cancellationToken);
        return problem is null
            ? HealthCheckResult.Healthy($"{settings.Kind} storage answers.")
            : HealthCheckResult.Unhealthy($"The {settings.Kind} database does not answer, or has no Truora schema.");
    }
}
