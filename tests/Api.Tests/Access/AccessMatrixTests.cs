using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Truora.Api.Tests.Access;

/// <summary>
/// Who may call what: every route against each kind of caller (<see cref="ApiRoutes"/>), and every route on a
/// resource that exists against the callers who have no right to it (<see cref="ExistingResourceRoutes"/>).
/// </summary>
[Collection(NodeCollection.Name)]
public sealed class AccessMatrixTests(InProcessNode node)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string, CallerKind> Cases()
    {
        var data = new TheoryData<string, CallerKind>();
        foreach (var route in ApiRoutes.All)
        {
            foreach (var caller in Enum.GetValues<CallerKind>())
            {
                data.Add(route.Name, caller);
            }
        }

        return data;
    }

    public static TheoryData<string> OtherTenantAdminCases() => ExistingResourceRoutes.NamesOf(ResourceCaller.OtherTenantAdmin);

    public static TheoryData<string> OtherAgentCases() =>
        ExistingResourceRoutes.NamesOf(ResourceCaller.AgentOfTheGroup, ResourceCaller.AgentOutsideTheGroup);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EveryRouteAnswersEachCallerWithTheContractStatus(string routeName, CallerKind caller)
    {
        var route = ApiRoutes.Find(routeName);
        var tenant = await node.CreateTenantAsync();
        var (_, otherAdminKey) = await node.CreateTenantAsync();
        var (target, _) = await tenant.AddMemberAsync();
        var key = caller switch
        {
            CallerKind.NoKey => null,
            CallerKind.BadKey => "mk_not-a-key-anyone-was-given",
            CallerKind.Operator => InProcessNode.OperatorKey,
            CallerKind.TenantAdminKey => tenant.AdminKey,
            CallerKind.AdminMember => (await tenant.AddMemberAsync(role: "admin")).Key,
            CallerKind.Agent => (await tenant.AddMemberAsync()).Key,
            CallerKind.OtherTenantAdmin => otherAdminKey,
            _ => throw new ArgumentOutOfRangeException(nameof(caller)),
        };

        using var client = node.Client(key);
        var group = $"g-{Guid.NewGuid():N}"[..20];
        if (route.Path.Contains("{group}", StringComparison.Ordinal))
        {
            await tenant.AddGroupAsync(group, [target]);
        }

        var path = route.Path
            .Replace("{member}", target, StringComparison.Ordinal)
            .Replace("{tenant}", tenant.Id, StringComparison.Ordinal)
            .Replace("{group}", group, StringComparison.Ordinal)
            .Replace("{fresh}", $"x-{Guid.NewGuid():N}"[..20], StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
        if (route.Body is not null)
        {
            request.Content = JsonContent.Create(route.Body());
        }

        using var response = await client.SendAsync(request, Cancel);

        Assert.Equal(route.Expected[caller], (int)response.StatusCode);
        await AssertProblemWhenRefusedAsync(response);
    }

    [Theory]
    [MemberData(nameof(OtherTenantAdminCases))]
    public async Task AnotherTenantsAdminFindsNoneOfATenantsResourcesAndChangesNone(string routeName)
    {
        var route = ExistingResourceRoutes.Find(routeName);
        await using var existing = await ExistingResources.CreateAsync(node);
        var (_, otherAdminKey) = await node.CreateTenantAsync();
        using var otherAdmin = node.Client(otherAdminKey);

        await AssertAnsweredAndUnchangedAsync(existing, route, otherAdmin, caller: null);
    }

    [Theory]
    [MemberData(nameof(OtherAgentCases))]
    public async Task AnAgentCanNeitherSeeNorTakeNorEndAnotherAgentsConversation(string routeName)
    {
        var route = ExistingResourceRoutes.Find(routeName);
        await using var existing = await ExistingResources.CreateAsync(node);
        var (agent, key) = route.Caller is ResourceCaller.AgentOfTheGroup
            ? (existing.Tenant.SecondAgentId, existing.Tenant.SecondAgentKey)
            : await existing.Tenant.Http.AddMemberAsync(available: true);
        using var client = node.Client(key);

        await AssertAnsweredAndUnchangedAsync(existing, route, client, agent);
    }

    /// <summary>
    /// Sends <paramref name="route"/> as <paramref name="client"/>, asserts its status, that the resource it names
    /// reads the same before and after, that the tenant's channel posted nothing meanwhile and that its keys still work.
    /// </summary>
    private static async Task AssertAnsweredAndUnchangedAsync(ExistingResources existing, ResourceCase route, HttpClient client, string? caller)
    {
        var before = await existing.ReadAsync(route.ReadBack);
        var posts = existing.Tenant.Graph.Posts.Count;
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), existing.Resolve(route.Path, caller));
        if (route.Body is not null)
        {
            request.Content = new StringContent(existing.Resolve(route.Body, caller), Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, Cancel);

        Assert.True(route.Expected == (int)response.StatusCode,
            $"{route.Name} answered {(int)response.StatusCode}, not {route.Expected}: {await response.Content.ReadAsStringAsync(Cancel)}");
        await AssertProblemWhenRefusedAsync(response);
        Assert.Equal(before, await existing.ReadAsync(route.ReadBack));
        Assert.Equal(posts, existing.Tenant.Graph.Posts.Count);
        await existing.AssertAgentKeysWorkAsync();
    }

    private static async Task AssertProblemWhenRefusedAsync(HttpResponseMessage response)
    {
        if ((int)response.StatusCode < 400)
        {
            return;
        }

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }
}
