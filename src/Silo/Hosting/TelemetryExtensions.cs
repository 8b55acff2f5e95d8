using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Truora.Grains.Telemetry;

namespace Truora.Silo.Hosting;

/// <summary>
/// Metrics for Prometheus (<c>GET /metrics</c>) from Orleans', ASP.NET Core's, the runtime's and our own meters;
/// traces only when an OTLP endpoint is configured, so an inbound webhook, its grain calls and the outbound
/// post share one trace id there and cost nothing otherwise.
/// </summary>
public static class TelemetryExtensions
{
    public const string OtlpEndpointSetting = "Truora:Telemetry:OtlpEndpoint";

    public static bool TracingEnabled(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);

    public static IServiceCollection AddTruoraTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("truora-orleans"))
            .WithMetrics(metrics => metrics
                .AddMeter("Microsoft.Orleans", TruoraMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());

        if (TracingEnabled(configuration))
        {
            var endpoint = new Uri(configuration[OtlpEndpointSetting]!);
            telemetry.WithTracing(tracing => tracing
                .AddSource("Microsoft.Orleans.Application", TruoraMetrics.ActivitySourceName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(otlp => otlp.Endpoint = endpoint));
        }

        return services;
    }
}
