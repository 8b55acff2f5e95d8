using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Truora.Api.Operations;

public static class OperationsEndpoints
{
    /// <summary>The tag a health check carries to count for readiness.</summary>
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder app)
    {
        var operations = app.MapGroup("/health").WithTags("Operations").AllowAnonymous();
        // Liveness runs no checks: the process answers, so it should not be restarted.
        operations.MapGet("/live", (HttpContext context, HealthCheckService health) => ReportAsync(context, health, _ => false))
            .WithSummary("The process answers.");
        operations.MapGet("/ready", (HttpContext context, HealthCheckService health) => ReportAsync(context, health, check => check.Tags.Contains(ReadyTag)))
            .WithSummary("200 when the storage and the cluster answer, else 503 naming the failing check.");
        return app;
    }

    private static async Task ReportAsync(HttpContext context, HealthCheckService health, Func<HealthCheckRegistration, bool> predicate)
    {
        var report = await health.CheckHealthAsync(predicate, context.RequestAborted);
        context.Response.StatusCode = report.Status is HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        context.Response.Headers.CacheControl = "no-store";
        await WriteReportAsync(context, report);
    }

    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        // Anyone may read this: a check that failed with an exception (whose text can carry hosts, ports, user names)
        // is named, not explained.
        var body = new HealthBody(
            report.Status.ToString(),
            report.Entries.ToDictionary(entry => entry.Key, entry => new HealthEntry(
                entry.Value.Status.ToString(),
                entry.Value.Exception is not null ? "The check failed; the node's log says why." : entry.Value.Description)));
        return JsonSerializer.SerializeAsync(context.Response.Body, body, HealthJson.Default.HealthBody, context.RequestAborted);
    }
}

internal sealed record HealthEntry(string Status, string? Description);

internal sealed record HealthBody(string Status, Dictionary<string, HealthEntry> Checks);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(HealthBody))]
internal sealed partial class HealthJson : System.Text.Json.Serialization.JsonSerializerContext;
