using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Access;
using Truora.Grains.Interfaces.Contacts;
using Truora.Grains.Interfaces.WhatsApp;
using Truora.Grains.Telemetry;

namespace Truora.Grains.WhatsApp;

/// <summary>
/// Posts queued messages to the Graph API with the resilience pipeline's retries and backoff, off any grain's
/// turn: a job's messages one after another, with the job's channel or one look-up of it, and one report of all their
/// results to their contact. Losing this queue loses nothing: the contacts' outbox reminders offer unconfirmed
/// messages again.
/// </summary>
public sealed partial class OutboundDispatcher(
    IGrainFactory grains,
    IHttpClientFactory httpClients,
    IOptions<WhatsAppOptions> options,
    TruoraMetrics metrics,
    ILogger<OutboundDispatcher> logger) : BackgroundService, IOutboundDispatcher
{
    public const string HttpClientName = "whatsapp-graph";

    private readonly Channel<OutboundJob> queue = Channel.CreateUnbounded<OutboundJob>(new UnboundedChannelOptions { SingleReader = false });
    private readonly ConcurrentDictionary<string, byte> held = new(StringComparer.Ordinal);

    public void Enqueue(OutboundJob job)
    {
        if (held.TryAdd(job.Key, 0) && !queue.Writer.TryWrite(job))
        {
            held.TryRemove(job.Key, out _);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.SendConcurrency).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await SendAsync(job, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The contact's reminder offers the messages again; a lost report must not stop this worker.
                    LogReportFailed(logger, ex, job.Messages[0].MessageId);
                }
                finally
                {
                    held.TryRemove(job.Key, out _);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: unsent messages stay pending in their contacts' outboxes.
        }
    }

    private async Task SendAsync(OutboundJob job, CancellationToken cancellationToken)
    {
        TenantContext.Enter(job.Tenant);
        var contact = grains.Reference<IContactOutboxGrain>(EntityId.Key(job.Tenant, job.Contact.Value));
        var channel = job.Channel ?? await grains.Reference<IWhatsAppChannelGrain>(job.Tenant.Value).GetAsync();
        var reports = new SendReport[job.Messages.Count];
        for (var i = 0; i < reports.Length; i++)
        {
            var message = job.Messages[i];
            reports[i] = channel switch
            {
                null => new SendReport(message.MessageId, null, "The tenant has no WhatsApp channel."),
                // Checked again here, not only when the channel is set: the allow-list may have been narrowed since.
                _ when !options.Value.GraphOrigins.Allows(channel.GraphApiBaseUrl) =>
                    new SendReport(message.MessageId, null, "The channel's graphApiBaseUrl is not on an origin this node allows."),
                _ => await PostAsync(channel, job.Contact.Value, message, cancellationToken),
            };
            metrics.Outbound(channel is null ? "no_channel" : reports[i].Error is null ? "sent" : "failed");
        }

        await contact.RecordSentAsync(reports);
    }

    private async Task<SendReport> PostAsync(WhatsAppChannelSettings channel, string phone, OutboundMessage message, CancellationToken cancellationToken)
    {
        var body = message.Template is { } template
            ? OutboundMessageJson.Template(phone, template.Name, template.Language, template.Parameters)
            : OutboundMessageJson.Text(phone, message.Text);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{channel.GraphApiBaseUrl}/{channel.GraphApiVersion}/{channel.PhoneNumberId}/messages")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", channel.AccessToken);

        string? error;
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (response.IsSuccessStatusCode && OutboundMessageJson.TryReadMessageId(content, out var id))
            {
                return new SendReport(message.MessageId, id, null);
            }

            error = $"The Graph API answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
            or Polly.CircuitBreaker.BrokenCircuitException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            error = $"The Graph API could not be reached: {ex.Message}";
        }

        LogSendFailed(logger, message.MessageId, error);
        return new SendReport(message.MessageId, null, error);
    }
}
