using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Truora.Grains.Access;
using Truora.Grains.Interfaces.Access;
using Truora.Grains.Interfaces.WhatsApp;
using Truora.Grains.Storage;

namespace Truora.Grains.WhatsApp;

/// <summary>
/// A tenant's WhatsApp channel. Its secrets are sealed in storage and open in memory; where the node may send the
/// access token is the node's choice (<see cref="WhatsAppOptions.AllowedGraphOrigins"/>), not the tenant admin's,
/// and moving the channel to another base URL or phone number takes the secrets again, so an admin key alone cannot
/// aim the stored token at a host of its choosing.
/// </summary>
public sealed partial class WhatsAppChannelGrain(
    [PersistentState("whatsapp-channel", GrainStorage.Name)] IPersistentState<WhatsAppChannelState> state,
    SecretBox secrets,
    IOptions<WhatsAppOptions> options,
    ILogger<WhatsAppChannelGrain> logger)
    : Grain, IWhatsAppChannelGrain, ITenantOwnedGrain
{
    public const string DefaultGraphApiVersion = "v21.0";

    private WhatsAppChannelSettings? settings;

    private string Tenant => this.GetPrimaryKeyString();

    /// <summary>
    /// Secrets sealed under another key (the node's key was changed) cannot be opened: the channel then counts as not
    /// set, so its webhooks are 404 and the admin's next PUT, with all three secrets, sets it afresh.
    /// </summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.RecordExists)
        {
            return Task.CompletedTask;
        }

        var stored = state.State;
        try
        {
            settings = new WhatsAppChannelSettings(
                stored.PhoneNumberId, secrets.Open(stored.SealedAccessToken, Tenant, "accessToken"), secrets.Open(stored.SealedAppSecret, Tenant, "appSecret"),
                stored.VerifyTokenHash, stored.GraphApiBaseUrl, stored.GraphApiVersion, stored.DefaultFlowId, stored.FinishMessage);
        }
        catch (CryptographicException ex)
        {
            LogSecretsUnreadable(logger, Tenant, ex.Message);
        }

        return Task.CompletedTask;
    }

    public async Task<ChannelConfigured> ConfigureAsync(WhatsAppChannelUpdate update)
    {
        var current = settings;
        var baseUrl = update.GraphApiBaseUrl.TrimEnd('/');
        var refusals = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!options.Value.GraphOrigins.Allows(baseUrl))
        {
            refusals["graphApiBaseUrl"] = $"Must be on an origin this node allows (Truora__WhatsApp__AllowedGraphOrigins): {options.Value.GraphOrigins.Description}.";
        }

        var moved = current is not null && (current.PhoneNumberId != update.PhoneNumberId || current.GraphApiBaseUrl != baseUrl);
        Require(refusals, "accessToken", update.AccessToken, current, moved);
        Require(refusals, "appSecret", update.AppSecret, current, moved);
        Require(refusals, "verifyToken", update.VerifyToken, current, moved: false);
        if (refusals.Count > 0)
        {
            return new ChannelConfigured(null, Created: false, refusals);
        }

        var configured = new WhatsAppChannelSettings(
            update.PhoneNumberId, update.AccessToken ?? current!.AccessToken, update.AppSecret ?? current!.AppSecret,
            update.VerifyToken is { } verifyToken ? ApiKeyHash.Of(verifyToken) : current!.VerifyTokenHash, baseUrl,
            update.GraphApiVersion ?? current?.GraphApiVersion ?? DefaultGraphApiVersion, update.DefaultFlowId, update.FinishMessage);
        state.State = new WhatsAppChannelState
        {
            PhoneNumberId = configured.PhoneNumberId,
            SealedAccessToken = secrets.Seal(configured.AccessToken, Tenant, "accessToken"),
            SealedAppSecret = secrets.Seal(configured.AppSecret, Tenant, "appSecret"),
            VerifyTokenHash = configured.VerifyTokenHash,
            GraphApiBaseUrl = configured.GraphApiBaseUrl,
            GraphApiVersion = configured.GraphApiVersion,
            DefaultFlowId = configured.DefaultFlowId,
            FinishMessage = configured.FinishMessage,
        };
        await state.WriteStateAsync();
        settings = configured;
        return new ChannelConfigured(configured, Created: current is null, refusals);
    }

    public Task<WhatsAppChannelSettings?> GetAsync()
    {
        if (settings is null)
        {
            // A webhook to any made-up tenant id asks here: the answer must not leave an activation behind.
            this.DeactivateOnIdle();
        }

        return Task.FromResult(settings);
    }

    /// <summary>A secret may be left out to keep the stored one, except on the first PUT and when the channel moves.</summary>
    private static void Require(Dictionary<string, string> refusals, string field, string? given, WhatsAppChannelSettings? current, bool moved)
    {
        if (given is not null)
        {
            return;
        }

        if (current is null)
        {
            refusals[field] = "Is required the first time the channel is set.";
        }
        else if (moved)
        {
            refusals[field] = "Must be given again when graphApiBaseUrl or phoneNumberId changes.";
        }
    }
}
