using Truora.Grains.Access;
using Truora.Grains.Interfaces.WhatsApp;
using Truora.Grains.Storage;

namespace Truora.Grains.WhatsApp;

public sealed class WhatsAppChannelGrain(
    [PersistentState("whatsapp-channel", GrainStorage.Name)] IPersistentState<WhatsAppChannelState> state)
    : Grain, IWhatsAppChannelGrain, ITenantOwnedGrain
{
    public const string DefaultGraphApiVersion = "v21.0";

    public async Task<ChannelConfigured> ConfigureAsync(WhatsAppChannelUpdate update)
    {
        var current = state.State.Settings;
        var accessToken = update.AccessToken ?? current?.AccessToken;
        var appSecret = update.AppSecret ?? current?.AppSecret;
        var verifyToken = update.VerifyToken ?? current?.VerifyToken;
        List<string> missing = [];
        if (accessToken is null) missing.Add("accessToken");
        if (appSecret is null) missing.Add("appSecret");
        if (verifyToken is null) missing.Add("verifyToken");
        if (missing.Count > 0)
        {
            return new ChannelConfigured(null, Created: false, missing);
        }

        var created = current is null;
        state.State.Settings = new WhatsAppChannelSettings(
            update.PhoneNumberId, accessToken!, appSecret!, verifyToken!, update.GraphApiBaseUrl.TrimEnd('/'),
            update.GraphApiVersion ?? current?.GraphApiVersion ?? DefaultGraphApiVersion, update.DefaultFlowId, update.FinishMessage);
        await state.WriteStateAsync();
        return new ChannelConfigured(state.State.Settings, created, []);
    }

    public Task<WhatsAppChannelSettings?> GetAsync() => Task.FromResult(state.State.Settings);
}
