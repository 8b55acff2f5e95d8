using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Truora.Api.Access;
using Truora.Api.Problems;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Access;
using Truora.Grains.Interfaces.Flows;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Api.WhatsApp;

public static partial class WhatsAppEndpoints
{
    public static IEndpointRouteBuilder MapWhatsApp(this IEndpointRouteBuilder app)
    {
        var channel = app.MapGroup("/v1/channels/whatsapp").WithTags("WhatsApp").RequireAuthorization(AccessPolicies.Admin);
        channel.MapPut("/", Configure).WithSummary("Set the channel (201 the first time, with all three secrets; 200 later, secrets optional).");
        channel.MapGet("/", Get).WithSummary("The channel's settings; secrets are reported only as set.");

        var webhooks = app.MapGroup("/v1/webhooks/whatsapp").WithTags("WhatsApp").AllowAnonymous();
        webhooks.MapGet("/{tenantId}", Verify).WithSummary("Meta's verification handshake: answers hub.challenge as text/plain.");
        webhooks.MapPost("/{tenantId}", WebhookReceiver.ReceiveAsync)
            .WithSummary("Meta's webhook, checked against X-Hub-Signature-256; 200 only once every message is durably recorded.");
        return app;
    }

    private static async Task<IResult> Configure(ChannelRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = user.ToCaller()!;
        var errors = new FieldErrors();
        if (request.PhoneNumberId is not { Length: > 0 and <= 64 } phone || !phone.All(char.IsAsciiDigit))
        {
            errors.Add("phoneNumberId", "Must be Meta's phone number id (digits).");
        }

        if (!Uri.TryCreate(request.GraphApiBaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            errors.Add("graphApiBaseUrl", "Must be an absolute http(s) URL such as https://graph.facebook.com.");
        }

        // It becomes part of the path posted to, with the token: only a version, never a path of the admin's choosing.
        if (request.GraphApiVersion is { } version && !GraphApiVersion().IsMatch(version))
        {
            errors.Add("graphApiVersion", "Must look like v21.0.");
        }

        Secret(errors, "accessToken", request.AccessToken);
        Secret(errors, "appSecret", request.AppSecret);
        Secret(errors, "verifyToken", request.VerifyToken);
        if (request.FinishMessage is { Length: > WhatsAppText.MaxLength })
        {
            errors.Add("finishMessage", $"Must be at most {WhatsAppText.MaxLength} characters.");
        }

        if (request.DefaultFlowId is { } flowId
            && (!EntityId.IsValid(flowId) || await grains.Reference<IFlowGrain>(EntityId.Key(caller.Tenant, flowId)).GetAsync() is null))
        {
            errors.Add("defaultFlowId", "Must name an existing flow of this tenant.");
        }

        if (errors.Any)
        {
            return ApiProblems.Invalid(errors.ToDictionary());
        }

        var configured = await grains.Reference<IWhatsAppChannelGrain>(caller.Tenant.Value).ConfigureAsync(new WhatsAppChannelUpdate(
            request.PhoneNumberId!, request.AccessToken, request.AppSecret, request.VerifyToken, request.GraphApiBaseUrl!,
            request.GraphApiVersion, request.DefaultFlowId, request.FinishMessage));
        if (configured.Settings is not { } settings)
        {
            return ApiProblems.Invalid(configured.Refusals.ToDictionary(refusal => refusal.Key, refusal => new[] { refusal.Value }));
        }

        return configured.Created ? TypedResults.Created("/v1/channels/whatsapp", ChannelView.From(settings)) : TypedResults.Ok(ChannelView.From(settings));
    }

    private static async Task<Results<Ok<ChannelView>, ProblemHttpResult>> Get(ClaimsPrincipal user, IGrainFactory grains) =>
        await grains.Reference<IWhatsAppChannelGrain>(user.ToCaller()!.Tenant.Value).GetAsync() is { } settings
            ? TypedResults.Ok(ChannelView.From(settings))
            : ApiProblems.NotFound("WhatsApp channel", "whatsapp");

    private static async Task<IResult> Verify(string tenantId, HttpRequest request, IGrainFactory grains)
    {
        if (await WebhookReceiver.ChannelAsync(tenantId, grains) is not { } channel)
        {
            return ApiProblems.NotFound("WhatsApp channel of tenant", tenantId);
        }

        var query = request.Query;
        if (query["hub.mode"] != "subscribe" || query["hub.challenge"] is not [{ Length: > 0 } challenge])
        {
            return ApiProblems.Invalid("hub.mode", "The handshake needs hub.mode=subscribe, hub.verify_token and hub.challenge.");
        }

        var token = Encoding.UTF8.GetBytes(ApiKeyHash.Of(query["hub.verify_token"].ToString()));
        var expected = Encoding.UTF8.GetBytes(channel.VerifyTokenHash);
        return CryptographicOperations.FixedTimeEquals(token, expected)
            ? TypedResults.Text(challenge, "text/plain")
            : ApiProblems.Forbidden("The verify token does not match the channel's.");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^v[0-9]{1,3}\.[0-9]{1,3}$")]
    private static partial System.Text.RegularExpressions.Regex GraphApiVersion();

    private static void Secret(FieldErrors errors, string field, string? value)
    {
        if (value is not null && (value.Length is 0 or > 1024 || string.IsNullOrWhiteSpace(value)))
        {
            errors.Add(field, "Must be 1 to 1024 characters, or left out to keep the stored one.");
        }
    }
}

public sealed record ChannelRequest(
    string? PhoneNumberId,
    string? AccessToken,
    string? AppSecret,
    string? VerifyToken,
    string? GraphApiBaseUrl,
    string? GraphApiVersion,
    string? DefaultFlowId,
    string? FinishMessage);

/// <summary>The channel without its secrets: only whether each is set.</summary>
public sealed record ChannelView(
    string PhoneNumberId,
    string GraphApiBaseUrl,
    string GraphApiVersion,
    string? DefaultFlowId,
    string? FinishMessage,
    bool AccessTokenSet,
    bool AppSecretSet,
    bool VerifyTokenSet)
{
    public static ChannelView From(WhatsAppChannelSettings s) => new(
        s.PhoneNumberId, s.GraphApiBaseUrl, s.GraphApiVersion, s.DefaultFlowId, s.FinishMessage,
        s.AccessToken.Length > 0, s.AppSecret.Length > 0, s.VerifyTokenHash.Length > 0);
}
