using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Truora.Api.Tests.Access;

[Collection(NodeCollection.Name)]
public sealed class KeyLifecycleTests(InProcessNode node)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARotatedKeyStopsWorkingAndTheNewOneWorks()
    {
        var (_, adminKey) = await node.CreateTenantAsync();
        var (member, oldKey) = await node.CreateMemberAsync(adminKey);
        using var admin = node.Client(adminKey);

        using var rotated = await admin.PostAsync($"/v1/members/{member}/keys", null, Cancel);
        var newKey = (await rotated.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("apiKey").GetString()!;

        Assert.Equal(HttpStatusCode.Created, rotated.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(oldKey));
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(newKey));
    }

    [Fact]
    public async Task ADeletedMembersKeyStopsWorkingAtOnce()
    {
        var (_, adminKey) = await node.CreateTenantAsync();
        var (member, key) = await node.CreateMemberAsync(adminKey);
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(key));
        using var admin = node.Client(adminKey);

        using var deleted = await admin.DeleteAsync($"/v1/members/{member}", Cancel);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(key));
        using var lookup = await admin.GetAsync($"/v1/members/{member}", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
        var remaining = await admin.GetFromJsonAsync<JsonElement[]>("/v1/members", Cancel);
        Assert.DoesNotContain(remaining!, m => m.GetProperty("id").GetString() == member);
    }

    [Fact]
    public async Task ARoleChangeTakesEffectOnTheNextRequest()
    {
        var (_, adminKey) = await node.CreateTenantAsync();
        var (member, key) = await node.CreateMemberAsync(adminKey);
        using var agent = node.Client(key);
        using var before = await agent.GetAsync("/v1/members", Cancel);
        using var admin = node.Client(adminKey);

        using var promoted = await admin.PatchAsJsonAsync($"/v1/members/{member}", new { role = "admin" }, Cancel);
        using var after = await agent.GetAsync("/v1/members", Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private async Task<HttpStatusCode> MeStatusAsync(string key)
    {
        using var client = node.Client(key);
        using var response = await client.GetAsync("/v1/me", Cancel);
        return response.StatusCode;
    }
}
