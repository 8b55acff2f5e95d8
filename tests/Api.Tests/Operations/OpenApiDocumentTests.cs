using System.Net.Http.Json;
using System.Text.Json;

namespace Truora.Api.Tests.Operations;

[Collection(NodeCollection.Name)]
public sealed class OpenApiDocumentTests(InProcessNode node)
{
    /// <summary>Every route of the product contract (../shared/API.md), as method and path template.</summary>
    public static TheoryData<string, string> ContractRoutes() => new()
    {
        { "post", "/v1/tenants" },
        { "post", "/v1/members" }, { "get", "/v1/members" }, { "get", "/v1/members/{id}" }, { "patch", "/v1/members/{id}" }, { "delete", "/v1/members/{id}" },
        { "get", "/v1/me" }, { "put", "/v1/me/status" }, { "put", "/v1/me/notification-settings" }, { "get", "/v1/me/events" },
        { "post", "/v1/groups" }, { "get", "/v1/groups" }, { "get", "/v1/groups/{id}" }, { "put", "/v1/groups/{id}" }, { "delete", "/v1/groups/{id}" },
        { "put", "/v1/flows/{id}" }, { "get", "/v1/flows/{id}" }, { "get", "/v1/flows" }, { "delete", "/v1/flows/{id}" },
        { "put", "/v1/channels/whatsapp" }, { "get", "/v1/channels/whatsapp" },
        { "get", "/v1/webhooks/whatsapp/{tenantId}" }, { "post", "/v1/webhooks/whatsapp/{tenantId}" },
        { "get", "/v1/conversations" }, { "get", "/v1/conversations/{id}" }, { "post", "/v1/conversations/{id}/messages" },
        { "post", "/v1/conversations/{id}/assign" }, { "post", "/v1/conversations/{id}/close" }, { "post", "/v1/conversations/{id}/finish" },
        { "post", "/v1/contacts/{phone}/outbound" }, { "put", "/v1/templates/{name}" },
        { "get", "/health/live" }, { "get", "/health/ready" }, { "get", "/metrics" },
    };

    [Theory]
    [MemberData(nameof(ContractRoutes))]
    public async Task TheDocumentDescribesEveryContractRoute(string method, string path)
    {
        using var client = node.Client();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.True(document.GetProperty("paths").TryGetProperty(path, out var item), $"{path} is missing.");
        Assert.True(item.TryGetProperty(method, out var operation), $"{method} {path} is missing.");
        Assert.True(operation.TryGetProperty("responses", out _));
    }

    [Fact]
    public async Task SecuredRoutesNameTheBearerSchemeAndPublicOnesDoNot()
    {
        using var client = node.Client();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);
        var paths = document.GetProperty("paths");

        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.True(paths.GetProperty("/v1/members").GetProperty("get").TryGetProperty("security", out _));
        Assert.False(paths.GetProperty("/v1/webhooks/whatsapp/{tenantId}").GetProperty("post").TryGetProperty("security", out _));
        Assert.True(paths.GetProperty("/v1/members").GetProperty("post").GetProperty("responses").GetProperty("400")
            .GetProperty("content").TryGetProperty("application/problem+json", out _));
    }

    [Fact]
    public async Task TheReferencePageIsServed()
    {
        using var client = node.Client();

        using var response = await client.GetAsync("/docs/", TestContext.Current.CancellationToken);

        response.EnsureSuccessStatusCode();
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
