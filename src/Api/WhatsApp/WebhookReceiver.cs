using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Truora.Api.Problems;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Access;
using Truora.Grains.Interfaces.Contacts;
using Truora.Grains.Interfaces.Tenants;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Api.WhatsApp;

/// <summary>
/// Meta's webhook: the signature is checked over the raw bytes before anything is parsed, and the answer is
/// 200 only after every message is durably recorded by its contact, so a crash before that makes Meta retry.
/// </summary>
public static partial class WebhookReceiver
{
    public const int MaxBodyBytes = TruoraApi.MaxBodyBytes;

    /// <summary>
    /// The most a body's buffer starts with: Meta's bodies are a few KB. A larger one grows the buffer as its bytes
    /// arrive, so a stranger's declared Content-Length alone reserves nothing before the signature is checked.
    /// </summary>
    private const int InitialBufferBytes = 16 * 1024;

    /// <summary>
    /// The tenant's channel, with the tenant entered in the caller's request context. Deliberately not async:
    /// a request-context change made inside an async method would not flow back to the caller.
    /// </summary>
    public static Task<WhatsAppChannelSettings?> ChannelAsync(string tenantId, IGrainFactory grains)
    {
        if (!TenantId.TryParse(tenantId, out var tenant))
        {
            return Task.FromResult<WhatsAppChannelSettings?>(null);
        }

        TenantContext.Enter(tenant);
        return grains.Reference<IWhatsAppChannelGrain>(tenant.Value).GetAsync();
    }

    public static async Task<IResult> ReceiveAsync(string tenantId, HttpRequest request, IGrainFactory grains, ILoggerFactory loggers)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        if (await ChannelAsync(tenantId, grains) is not { } channel)
        {
            return ApiProblems.NotFound("WhatsApp channel of tenant", tenantId);
        }

        using var buffer = new BodyBuffer(request.ContentLength is { } declared ? (int)Math.Min(declared + 1, InitialBufferBytes) : InitialBufferBytes);
        await buffer.ReadAsync(request.Body, request.HttpContext.RequestAborted);
        if (buffer.Length > MaxBodyBytes)
        {
            return TooLarge();
        }

        var body = buffer.Bytes;
        if (!WebhookSignature.IsValid(body.Span, request.Headers["X-Hub-Signature-256"], channel.AppSecret))
        {
            return ApiProblems.Problem(StatusCodes.Status401Unauthorized, "bad-signature", "Bad signature",
                "X-Hub-Signature-256 is missing or is not the HMAC-SHA256 of the body with the channel's app secret.");
        }

        if (!WebhookPayloadParser.TryParse(body.Span, out var payload, out var error))
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "bad-webhook", "Malformed webhook", error);
        }

        var tenant = TenantId.Parse(tenantId);
        var logger = loggers.CreateLogger(typeof(WebhookReceiver).FullName!);
        foreach (var (phoneNumberId, message) in payload.Messages)
        {
            if (phoneNumberId != channel.PhoneNumberId)
            {
                LogOtherNumber(logger, tenantId, phoneNumberId);
                continue;
            }

            await grains.Reference<IContactGrain>(EntityId.Key(tenant, message.From)).ReceiveAsync(message, channel);
        }

        foreach (var status in payload.Statuses)
        {
            if (status.PhoneNumberId != channel.PhoneNumberId)
            {
                LogOtherNumber(logger, tenantId, status.PhoneNumberId);
                continue;
            }

            await grains.Reference<IContactOutboxGrain>(EntityId.Key(tenant, status.RecipientId)).RecordDeliveryAsync(status.Status);
        }

        return TypedResults.Ok();
    }

    /// <summary>
    /// A pooled buffer a body is read into, up to one byte past the limit so an oversized body is noticed without
    /// reading all of it. It starts small (the declared length when that is smaller) and doubles as bytes arrive: a
    /// buffer of the limit for every webhook in flight kept tens of 2 MiB arrays in the pool under load. Disposing
    /// returns the array it holds, whichever that is by then.
    /// </summary>
    private sealed class BodyBuffer(int initialBytes) : IDisposable
    {
        private byte[] array = ArrayPool<byte>.Shared.Rent(initialBytes);

        public int Length { get; private set; }

        public ReadOnlyMemory<byte> Bytes => array.AsMemory(0, Length);

        public async Task ReadAsync(Stream body, CancellationToken cancellationToken)
        {
            while (true)
            {
                if (Length == array.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(array.Length * 2, MaxBodyBytes + 1));
                    array.AsSpan().CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(array);
                    array = larger;
                }

                var read = await body.ReadAsync(array.AsMemory(Length, Math.Min(array.Length, MaxBodyBytes + 1) - Length), cancellationToken);
                Length += read;
                if (read == 0 || Length > MaxBodyBytes)
                {
                    return;
                }
            }
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(array);
    }

    private static IResult TooLarge() =>
        ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "too-large", "Payload too large", $"A webhook body may be at most {MaxBodyBytes} bytes.");
}
