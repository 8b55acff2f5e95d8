using System.Net;
using Truora.Api.Tests.EndToEnd;

namespace Truora.Api.Tests.Access;

[Collection(NodeCollection.Name)]
public sealed class AdminKeyRotationTests(InProcessNode node)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheOperatorRotatesATenantsAdminKeyAndTheOldOneStopsAtOnce()
    {
        var (tenant, oldKey) = await node.CreateTenantAsync();
        using var operatorClient = node.Client(InProcessNode.OperatorKey);

        using var rotated = await operatorClient.PostAsync($"/v1/tenants/{tenant}/admin-key", null, Cancel);
        await rotated.ExpectAsync(HttpStatusCode.Created);
        var newKey = (await rotated.ReadJsonAsync()).GetProperty("adminKey").GetString()!;

        Assert.NotEqual(oldKey, newKey);
        Assert.Equal(HttpStatusCode.Unauthorized, await MembersStatusAsync(oldKey));
        Assert.Equal(HttpStatusCode.OK, await MembersStatusAsync(newKey));
    }

    [Fact]
    public async Task AnUnknownTenantIsNotFound()
    {
        using var operatorClient = node.Client(InProcessNode.OperatorKey);

        using var rotated = await operatorClient.PostAsync("/v1/tenants/t-nobody-here/admin-key", null, Cancel);

        await rotated.ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ATenantAdminCannotRotateItsOwnKey()
    {
        var (tenant, adminKey) = await node.CreateTenantAsync();
        using var admin = node.Client(adminKey);

        using var rotated = await admin.PostAsync($"/v1/tenants/{tenant}/admin-key", null, Cancel);

        await rotated.ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, await MembersStatusAsync(adminKey));
    }

    private async Task<HttpStatusCode> MembersStatusAsync(string key)
    {
        using var client = node.Client(key);
        using var response = await client.GetAsync("/v1/members", Cancel);
        return response.StatusCode;
    }
}
