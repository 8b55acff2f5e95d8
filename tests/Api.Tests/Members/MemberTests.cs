using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Truora.Api.Tests.Members;

[Collection(NodeCollection.Name)]
public sealed class MemberTests(InProcessNode node)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnotherTenantsAdminSeesNoneOfItsMembersAndChangesNothing()
    {
        var (_, adminKey) = await node.CreateTenantAsync();
        var (member, memberKey) = await node.CreateMemberAsync(adminKey);
        var (_, otherAdminKey) = await node.CreateTenantAsync();
        using var other = node.Client(otherAdminKey);

        var visible = await other.GetFromJsonAsync<JsonElement[]>("/v1/members", Cancel);
        using var patch = await other.PatchAsJsonAsync($"/v1/members/{member}", new { name = "Hijacked" }, Cancel);
        using var delete = await other.DeleteAsync($"/v1/members/{member}", Cancel);

        Assert.Empty(visible!);
        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        using var owner = node.Client(adminKey);
        var unchanged = await owner.GetFromJsonAsync<JsonElement>($"/v1/members/{member}", Cancel);
        Assert.Equal($"Member {member}", unchanged.GetProperty("name").GetString());
        using var me = node.Client(memberKey);
        using var stillWorks = await me.GetAsync("/v1/me", Cancel);
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
    }

    [Fact]
    public async Task ADuplicateIdIsAConflictAndKeepsTheFirstMember()
    {
        var (_, adminKey) = await node.CreateTenantAsync();
        var (member, firstKey) = await node.CreateMemberAsync(adminKey);
        using var admin = node.Client(adminKey);

        using var duplicate = await admin.PostAsJsonAsync("/v1/members", new { id = member, name = "Other", email = "o@example.com", role = "admin" }, Cancel);

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        var kept = await admin.GetFromJsonAsync<JsonElement>($"/v1/members/{member}", Cancel);
        Assert.Equal("agent_role", kept.GetProperty("role").GetString());
        using var me = node.Client(firstKey);
        using var firstStillWorks = await me.GetAsync("/v1/me", Cancel);
        Assert.Equal(HttpStatusCode.OK, firstStillWorks.StatusCode);
    }

    [Theory]
    [InlineData("""{"id":"Ana!","name":"Ana","email":"ana@example.com","role":"agent_role"}""", "id")]
    [InlineData("""{"id":"ana","name":"  ","email":"ana@example.com","role":"agent_role"}""", "name")]
    [InlineData("""{"id":"ana","name":"Ana","email":"not-an-email","role":"agent_role"}""", "email")]
    [InlineData("""{"id":"ana","name":"Ana","email":"ana@example.com","role":"owner"}""", "role")]
    [InlineData("""{"name":"Ana","email":"ana@example.com","role":"agent_role"}""", "id")]
    public async Task AnInvalidMemberIsRefusedNamingTheFieldAndNothingIsCreated(string body, string field)
    {
        var (_, adminKey) = await node.CreateTenantAsync();
        using var admin = node.Client(adminKey);

        using var response = await admin.PostAsync("/v1/members", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement[]>("/v1/members", Cancel))!);
    }

    [Theory]
    [InlineData("""{"maxOpenConversations":0}""", "maxOpenConversations")]
    [InlineData("""{"maxOpenConversations":"3"}""", "maxOpenConversations")]
    [InlineData("""{"role":"root"}""", "role")]
    [InlineData("""{"nickname":"x"}""", "nickname")]
    [InlineData("""[1,2]""", "body")]
    public async Task AnInvalidPatchIsRefusedAndChangesNothing(string body, string field)
    {
        var (_, adminKey) = await node.CreateTenantAsync();
        var (member, _) = await node.CreateMemberAsync(adminKey);
        using var admin = node.Client(adminKey);

        using var response = await admin.PatchAsync($"/v1/members/{member}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        var unchanged = await admin.GetFromJsonAsync<JsonElement>($"/v1/members/{member}", Cancel);
        Assert.Equal("agent_role", unchanged.GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, unchanged.GetProperty("maxOpenConversations").ValueKind);
    }

    [Fact]
    public async Task CapacityIsSetAndClearedWithNull()
    {
        var (_, adminKey) = await node.CreateTenantAsync();
        var (member, _) = await node.CreateMemberAsync(adminKey);
        using var admin = node.Client(adminKey);

        var limited = await (await admin.PatchAsJsonAsync($"/v1/members/{member}", new { maxOpenConversations = 3 }, Cancel)).Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var renamed = await (await admin.PatchAsJsonAsync($"/v1/members/{member}", new { name = "Ana" }, Cancel)).Content.ReadFromJsonAsync<JsonElement>(Cancel);
        using var clear = new StringContent("""{"maxOpenConversations":null}""", System.Text.Encoding.UTF8, "application/json");
        var unlimited = await (await admin.PatchAsync($"/v1/members/{member}", clear, Cancel)).Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(3, limited.GetProperty("maxOpenConversations").GetInt32());
        Assert.Equal(3, renamed.GetProperty("maxOpenConversations").GetInt32());
        Assert.Equal(JsonValueKind.Null, unlimited.GetProperty("maxOpenConversations").ValueKind);
    }

    [Fact]
    public async Task AnAgentSetsItsStatusAndNotificationSettings()
    {
        var (_, adminKey) = await node.CreateTenantAsync();
        var (_, key) = await node.CreateMemberAsync(adminKey);
        using var agent = node.Client(key);

        var initial = await agent.GetFromJsonAsync<JsonElement>("/v1/me", Cancel);
        using var available = await agent.PutAsJsonAsync("/v1/me/status", new { status = "available" }, Cancel);
        using var quiet = await agent.PutAsJsonAsync("/v1/me/notification-settings", new { notifications = false, sound = false }, Cancel);
        using var bad = await agent.PutAsJsonAsync("/v1/me/status", new { status = "busy" }, Cancel);
        var me = await agent.GetFromJsonAsync<JsonElement>("/v1/me", Cancel);

        Assert.Equal("unavailable", initial.GetProperty("status").GetString());
        Assert.True(initial.GetProperty("notifications").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, available.StatusCode);
        Assert.Equal(HttpStatusCode.OK, quiet.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("available", me.GetProperty("status").GetString());
        Assert.False(me.GetProperty("notifications").GetBoolean());
        Assert.False(me.GetProperty("sound").GetBoolean());
        Assert.Equal(JsonValueKind.Array, me.GetProperty("groups").ValueKind);
    }

    [Fact]
    public async Task MalformedJsonIsAProblemThatSaysSo()
    {
        var (_, adminKey) = await node.CreateTenantAsync();
        using var admin = node.Client(adminKey);

        using var response = await admin.PostAsync("/v1/members", new StringContent("""{"id":""", System.Text.Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Contains("JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
