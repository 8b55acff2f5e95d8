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
/// turn, and reports each result to the message's contact. Losing this queue loses nothing: the contacts' outbox
/// reminders offer unconfirmed messages again.
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
                    // The contact's reminder offers the message again; a lost report must not stop this worker.
                    LogReportFailed(logger, ex, job.MessageId);
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
        var contact = grains.Reference<IContactOutboxGrain>(EntityId.Key(job.Tenant, job.Phone));
        var channel = await grains.Reference<IWhatsAppChannelGrain>(job.Tenant.Value).GetAsync();
        if (channel is null)
        {
            metrics.Outbound("no_channel");
            await contact.RecordSentAsync(job.MessageId, null, "The tenant has no WhatsApp channel.");
            return;
        }

        var body = job.Template is { } template
            ? OutboundMessageJson.Template(job.Phone, template.Name, template.Language, template.Parameters)
            : OutboundMessageJson.Text(job.Phone, job.Text);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{channel.GraphApiBaseUrl}/{channel.GraphApiVersion}/{channel.PhoneNumberId}/messages")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", channel.AccessToken);

        string? whatsAppId = null;
        string? error = null;
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (response.IsSuccessStatusCode && OutboundMessageJson.TryReadMessageId(content, out var id))
            {
                whatsAppId = id;
            }
            else
            {
                error = $"The Graph API answered {(int)response.StatusCode} {response.ReasonPhrase}.";
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
            or Polly.CircuitBreaker.BrokenCircuitException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            error = $"The Graph API could not be reached: {ex.Message}";
        }

        if (error is not null)
        {
            LogSendFailed(logger, job.MessageId, error);
        }

        metrics.Outbound(error is null ? "sent" : "failed");

        await contact.RecordSentAsync(job.MessageId, whatsAppId, error);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbound message {MessageId} failed for good: {Error}")]
    private static partial void LogSendFailed(ILogger logger, string messageId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The result of outbound message {MessageId} could not be recorded; it will be offered again.")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, string messageId);
}
