using System.Net.Http.Json;
using System.Text.Json;

namespace Truora.Api.Tests.Access;

[Collection(NodeCollection.Name)]
public sealed class AccessMatrixTests(InProcessNode node)
{
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

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EveryRouteAnswersEachCallerWithTheContractStatus(string routeName, CallerKind caller)
    {
        var route = ApiRoutes.Find(routeName);
        var (tenant, adminKey) = await node.CreateTenantAsync();
        var (_, otherAdminKey) = await node.CreateTenantAsync();
        var (target, _) = await node.CreateMemberAsync(adminKey);
        var key = caller switch
        {
            CallerKind.NoKey => null,
            CallerKind.BadKey => "mk_not-a-key-anyone-was-given",
            CallerKind.Operator => InProcessNode.OperatorKey,
            CallerKind.TenantAdminKey => adminKey,
            CallerKind.AdminMember => (await node.CreateMemberAsync(adminKey, "admin")).Key,
            CallerKind.Agent => (await node.CreateMemberAsync(adminKey)).Key,
            CallerKind.OtherTenantAdmin => otherAdminKey,
            _ => throw new ArgumentOutOfRangeException(nameof(caller)),
        };

        using var client = node.Client(key);
        var path = route.Path
            .Replace("{member}", target, StringComparison.Ordinal)
            .Replace("{tenant}", tenant, StringComparison.Ordinal)
            .Replace("{fresh}", $"x-{Guid.NewGuid():N}"[..20], StringComparison.Ordinal);
        if (path.Contains("{group}", StringComparison.Ordinal))
        {
            using var admin = node.Client(adminKey);
            using var created = await admin.PostAsJsonAsync("/v1/groups", new { name = "Fixture", memberIds = new[] { target } }, TestContext.Current.CancellationToken);
            var group = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;
            path = path.Replace("{group}", group, StringComparison.Ordinal);
        }

        using var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
        if (route.Body is not null)
        {
            request.Content = JsonContent.Create(route.Body());
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(route.Expected[caller], (int)response.StatusCode);
        if ((int)response.StatusCode >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        }
    }
}
