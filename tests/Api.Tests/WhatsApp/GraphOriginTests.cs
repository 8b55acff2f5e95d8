using System.Net;
using System.Net.Http.Json;
using Truora.Api.Tests.EndToEnd;
using Truora.Tests;

namespace Truora.Api.Tests.WhatsApp;

/// <summary>
/// A tenant admin cannot aim the stored access token at a host of its choosing: the Graph API's base URL must be on
/// an origin the node allows, and moving the channel takes the secrets again. A refused PUT changes nothing.
/// </summary>
[Collection(NodeCollection.Name)]
public sealed class GraphOriginTests(InProcessNode node)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("https://attacker.example")]
    [InlineData("http://169.254.169.254")]
    [InlineData("http://10.0.0.1:5432")]
    [InlineData("http://localhost:5080")]
    [InlineData("https://graph.facebook.com.attacker.example")]
    [InlineData("http://graph.facebook.com")]
    public async Task ABaseUrlOffTheAllowedOriginsIsRefusedAndTheChannelStaysAsItWas(string url)
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);

        using var moved = await tenant.Admin.PutAsJsonAsync("/v1/channels/whatsapp", Channel(url, withSecrets: true), Cancel);

        await moved.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("graphApiBaseUrl", await moved.ErrorFieldsAsync());
        await AssertStillPointsAtTheStandInAsync(tenant);
    }

    [Fact]
    public async Task MovingTheBaseUrlWithoutTheSecretsIsRefusedNamingThem()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);

        // Another port of an allowed host: allowed, but the token goes along only if the admin gives it again.
        using var moved = await tenant.Admin.PutAsJsonAsync("/v1/channels/whatsapp", Channel("http://127.0.0.1:9", withSecrets: false), Cancel);

        await moved.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["accessToken", "appSecret"], (await moved.ErrorFieldsAsync()).Order());
        await AssertStillPointsAtTheStandInAsync(tenant);
    }

    [Fact]
    public async Task ChangingThePhoneNumberIdWithoutTheSecretsIsRefused()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);

        using var moved = await tenant.Admin.PutAsJsonAsync("/v1/channels/whatsapp",
            new { phoneNumberId = "999000111", graphApiBaseUrl = tenant.Graph.BaseUrl, defaultFlowId = WhatsAppTenant.FlowId }, Cancel);

        await moved.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("accessToken", await moved.ErrorFieldsAsync());
        var channel = await tenant.Admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/v1/channels/whatsapp", Cancel);
        Assert.Equal(WhatsAppTenant.PhoneNumberId, channel.GetProperty("phoneNumberId").GetString());
    }

    [Theory]
    [InlineData("v21.0/../../me")]
    [InlineData("v21.0?x=1")]
    [InlineData("vv")]
    public async Task AGraphApiVersionThatIsNoVersionIsRefused(string version)
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);

        using var moved = await tenant.Admin.PutAsJsonAsync("/v1/channels/whatsapp",
            new { phoneNumberId = WhatsAppTenant.PhoneNumberId, graphApiBaseUrl = tenant.Graph.BaseUrl, graphApiVersion = version }, Cancel);

        await moved.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("graphApiVersion", await moved.ErrorFieldsAsync());
    }

    [Fact]
    public async Task KeepingTheBaseUrlAndNumberKeepsTheStoredSecrets()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);

        using var updated = await tenant.Admin.PutAsJsonAsync("/v1/channels/whatsapp", Channel(tenant.Graph.BaseUrl, withSecrets: false), Cancel);

        await updated.ExpectAsync(HttpStatusCode.OK);
        var user = MetaPayloads.NewWaId();
        await tenant.SayAsync(user, "hi");
        var posts = await tenant.Graph.WaitForAsync(posts => WhatsAppTenant.HasBothPrompts(posts, user), Poll.Patience);
        Assert.All(posts.Where(post => post.To == user), post => Assert.Equal($"Bearer {WhatsAppTenant.AccessToken}", post.Authorization));
    }

    private static object Channel(string url, bool withSecrets) => new
    {
        phoneNumberId = WhatsAppTenant.PhoneNumberId,
        accessToken = withSecrets ? "another-token" : null,
        appSecret = withSecrets ? "another-secret" : null,
        graphApiBaseUrl = url,
        defaultFlowId = WhatsAppTenant.FlowId,
    };

    private static async Task AssertStillPointsAtTheStandInAsync(WhatsAppTenant tenant)
    {
        var channel = await tenant.Admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/v1/channels/whatsapp", Cancel);
        Assert.Equal(tenant.Graph.BaseUrl, channel.GetProperty("graphApiBaseUrl").GetString());
    }
}
