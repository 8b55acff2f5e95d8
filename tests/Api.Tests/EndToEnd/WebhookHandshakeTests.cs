using System.Net;

namespace Truora.Api.Tests.EndToEnd;

[Collection(NodeCollection.Name)]
public sealed class WebhookHandshakeTests(InProcessNode node)
{
    private const string Challenge = "1158201444";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheRightVerifyTokenIsAnsweredWithTheChallengeAsPlainText()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        using var meta = node.Client();

        using var response = await meta.GetAsync(Handshake(tenant.Id, WhatsAppTenant.VerifyToken), Cancel);

        await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Challenge, await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task AWrongVerifyTokenIsForbidden()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        using var meta = node.Client();

        using var response = await meta.GetAsync(Handshake(tenant.Id, "not-the-verify-token"), Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(Challenge, await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownTenantIsNotFound()
    {
        using var meta = node.Client();

        using var response = await meta.GetAsync(Handshake($"t-{Guid.NewGuid():N}", WhatsAppTenant.VerifyToken), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ATenantWithoutAChannelIsNotFound()
    {
        var (tenantId, _) = await node.CreateTenantAsync();
        using var meta = node.Client();

        using var response = await meta.GetAsync(Handshake(tenantId, WhatsAppTenant.VerifyToken), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static string Handshake(string tenantId, string verifyToken) =>
        $"/v1/webhooks/whatsapp/{tenantId}?hub.mode=subscribe&hub.verify_token={Uri.EscapeDataString(verifyToken)}&hub.challenge={Challenge}";
}
