namespace Truora.Grains.Interfaces.WhatsApp;

/// <summary>A tenant's WhatsApp channel settings, keyed by the tenant id.</summary>
[Alias("Truora.IWhatsAppChannelGrain")]
public interface IWhatsAppChannelGrain : IGrainWithStringKey
{
    [Alias("Configure")] Task<ChannelConfigured> ConfigureAsync(WhatsAppChannelUpdate update);

    /// <summary>The settings with secrets, for the server's own use (signatures, sending); null before the first PUT.</summary>
    [ReadOnly, Alias("Get")] Task<WhatsAppChannelSettings?> GetAsync();
}
