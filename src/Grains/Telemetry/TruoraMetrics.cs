using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Truora.Grains.Interfaces.Routing;

namespace Truora.Grains.Telemetry;

/// <summary>
/// The product's own instruments (meter <c>Truora</c>). Up-down counters are deltas recorded on whichever silo
/// the change happens; summed over the cluster they are the current totals.
/// </summary>
public sealed class TruoraMetrics
{
    public const string MeterName = "Truora";
    public const string ActivitySourceName = "Truora";

    private readonly Counter<long> handoffs;
    private readonly Histogram<double> timeToAssignment;
    private readonly UpDownCounter<long> waiting;
    private readonly UpDownCounter<long> open;
    private readonly Counter<long> inbound;
    private readonly Counter<long> outbound;
    private readonly Counter<long> finishesRefused;
    private readonly bool tenantLabels;

    public TruoraMetrics(IMeterFactory meters, IOptions<MetricsOptions> options)
    {
        tenantLabels = options.Value.TenantLabels;
        var meter = meters.Create(MeterName);
        handoffs = meter.CreateCounter<long>("truora.handoffs", "{handoff}", "Hand-offs from flows to agents, by rotation mode and outcome.");
        timeToAssignment = meter.CreateHistogram<double>("truora.handoff.time_to_assignment", "s", "From a conversation's opening to its first owner.");
        waiting = meter.CreateUpDownCounter<long>("truora.queue.waiting", "{conversation}", "Conversations waiting in group queues.");
        open = meter.CreateUpDownCounter<long>("truora.conversations.open", "{conversation}", "Conversations waiting or assigned.");
        inbound = meter.CreateCounter<long>("truora.whatsapp.inbound", "{message}", "Inbound WhatsApp messages, by result.");
        outbound = meter.CreateCounter<long>("truora.whatsapp.outbound", "{message}", "Outbound WhatsApp messages, by result.");
        finishesRefused = meter.CreateCounter<long>("truora.finishes.refused", "{finish}", "Finishes refused by the per-caller cooldown.");
    }

    public static ActivitySource Activities { get; } = new(ActivitySourceName);

    public void HandedOff(RotationMode mode, bool assigned) =>
        handoffs.Add(1, new("mode", ModeName(mode)), new("outcome", assigned ? "assigned" : "waiting"));

    public void Assigned(TimeSpan sinceOpened) => timeToAssignment.Record(sinceOpened.TotalSeconds);

    public void QueueChanged(string tenant, int delta) => Add(waiting, tenant, delta);

    public void OpenChanged(string tenant, int delta) => Add(open, tenant, delta);

    public void Inbound(string result) => inbound.Add(1, new KeyValuePair<string, object?>("result", result));

    public void Outbound(string result) => outbound.Add(1, new KeyValuePair<string, object?>("result", result));

    public void FinishRefused() => finishesRefused.Add(1);

    private void Add(UpDownCounter<long> gauge, string tenant, int delta)
    {
        if (tenantLabels)
        {
            gauge.Add(delta, new KeyValuePair<string, object?>("tenant", tenant));
        }
        else
        {
            gauge.Add(delta);
        }
    }

    private static string ModeName(RotationMode mode) => mode switch
    {
        RotationMode.Available => "available",
        RotationMode.All => "all",
        RotationMode.Specific => "specific",
        _ => "none",
    };
}
