using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Truora.Api.Tests.EndToEnd;

[Collection(NodeCollection.Name)]
public sealed class GroupsApiTests(InProcessNode node)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AGroupWithoutAnIdGetsOneFromTheServer()
    {
        var (_, adminKey) = await node.CreateTenantAsync();
        var (member, _) = await node.CreateMemberAsync(adminKey);
        using var admin = node.Client(adminKey);

        using var response = await admin.PostAsJsonAsync("/v1/groups", new { name = "Support", memberIds = new[] { member } }, Cancel);

        await response.ExpectAsync(HttpStatusCode.Created);
        var group = await response.ReadJsonAsync();
        var id = group.GetProperty("id").GetString()!;
        Assert.Matches("^[a-z0-9_-]{1,64}$", id);
        Assert.Equal("Support", group.GetProperty("name").GetString());
        Assert.Equal(member, Assert.Single(group.GetProperty("memberIds").EnumerateArray()).GetString());
        var read = await admin.GetFromJsonAsync<JsonElement>($"/v1/groups/{id}", Cancel);
        Assert.Equal("Support", read.GetProperty("name").GetString());
    }

    [Fact]
    public async Task ATakenIdIsAConflictAndKeepsTheFirstGroup()
    {
        var (_, adminKey) = await node.CreateTenantAsync();
        using var admin = node.Client(adminKey);

        using var first = await admin.PostAsJsonAsync("/v1/groups", new { id = "g-sales", name = "Sales", memberIds = Array.Empty<string>() }, Cancel);
        using var second = await admin.PostAsJsonAsync("/v1/groups", new { id = "g-sales", name = "Other", memberIds = Array.Empty<string>() }, Cancel);

        await first.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var kept = await admin.GetFromJsonAsync<JsonElement>("/v1/groups/g-sales", Cancel);
        Assert.Equal("Sales", kept.GetProperty("name").GetString());
    }

    [Fact]
    public async Task AnUnknownMemberIsRefusedNamingMemberIdsAndNothingIsCreated()
    {
        var (_, adminKey) = await node.CreateTenantAsync();
        var (member, memberKey) = await node.CreateMemberAsync(adminKey);
        using var admin = node.Client(adminKey);

        using var response = await admin.PostAsJsonAsync("/v1/groups", new { id = "g-support", name = "Support", memberIds = new[] { member, "m-ghost" } }, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("memberIds", await response.ErrorFieldsAsync());
        using var read = await admin.GetAsync("/v1/groups/g-support", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Empty(await GroupsOfAsync(memberKey));
    }

    [Fact]
    public async Task AMembersOwnViewListsItsGroups()
    {
        var (_, adminKey) = await node.CreateTenantAsync();
        var (member, memberKey) = await node.CreateMemberAsync(adminKey);
        using var admin = node.Client(adminKey);

        using var support = await admin.PostAsJsonAsync("/v1/groups", new { id = "g-support", name = "Support", memberIds = new[] { member } }, Cancel);
        using var sales = await admin.PostAsJsonAsync("/v1/groups", new { id = "g-sales", name = "Sales", memberIds = new[] { member } }, Cancel);
        using var other = await admin.PostAsJsonAsync("/v1/groups", new { id = "g-other", name = "Other", memberIds = Array.Empty<string>() }, Cancel);

        await support.ExpectAsync(HttpStatusCode.Created);
        await sales.ExpectAsync(HttpStatusCode.Created);
        await other.ExpectAsync(HttpStatusCode.Created);
        string[] expected = ["g-sales", "g-support"];
        Assert.Equal(expected, (await GroupsOfAsync(memberKey)).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task ReplacingRenamesTheGroupAndChangesItsMembers()
    {
        var (_, adminKey) = await node.CreateTenantAsync();
        var (leaving, leavingKey) = await node.CreateMemberAsync(adminKey);
        var (joining, joiningKey) = await node.CreateMemberAsync(adminKey);
        using var admin = node.Client(adminKey);
        using var created = await admin.PostAsJsonAsync("/v1/groups", new { id = "g-support", name = "Support", memberIds = new[] { leaving } }, Cancel);
        await created.ExpectAsync(HttpStatusCode.Created);

        using var replaced = await admin.PutAsJsonAsync("/v1/groups/g-support", new { name = "Customer care", memberIds = new[] { joining } }, Cancel);

        await replaced.ExpectAsync(HttpStatusCode.OK);
        var read = await admin.GetFromJsonAsync<JsonElement>("/v1/groups/g-support", Cancel);
        Assert.Equal("Customer care", read.GetProperty("name").GetString());
        Assert.Equal(joining, Assert.Single(read.GetProperty("memberIds").EnumerateArray()).GetString());
        Assert.Empty(await GroupsOfAsync(leavingKey));
        Assert.Equal("g-support", Assert.Single(await GroupsOfAsync(joiningKey)));
    }

    [Fact]
    public async Task ADeletedGroupIsGone()
    {
        var (_, adminKey) = await node.CreateTenantAsync();
        var (member, memberKey) = await node.CreateMemberAsync(adminKey);
        using var admin = node.Client(adminKey);
        using var created = await admin.PostAsJsonAsync("/v1/groups", new { id = "g-support", name = "Support", memberIds = new[] { member } }, Cancel);
        await created.ExpectAsync(HttpStatusCode.Created);

        using var deleted = await admin.DeleteAsync("/v1/groups/g-support", Cancel);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var read = await admin.GetAsync("/v1/groups/g-support", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement[]>("/v1/groups", Cancel))!);
        Assert.Empty(await GroupsOfAsync(memberKey));
    }

    private async Task<string[]> GroupsOfAsync(string memberKey)
    {
        using var member = node.Client(memberKey);
        var me = await member.GetFromJsonAsync<JsonElement>("/v1/me", Cancel);
        return [.. me.GetProperty("groups").EnumerateArray().Select(group => group.GetString()!)];
    }
}
