using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Truora.Api.Tests.EndToEnd;

[Collection(NodeCollection.Name)]
public sealed class FlowValidationApiTests(InProcessNode node)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnUnknownNextIsRefusedNamingTheBlock()
    {
        using var admin = await AdminWithGroupAsync();

        using var response = await admin.PutAsync("/v1/flows/kyc", Json(KycFlow.Json(askDocNext: "nowhere")), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("blocks[ask_doc].next", await response.ErrorFieldsAsync());
        using var read = await admin.GetAsync("/v1/flows/kyc", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task AnUnknownGroupInConnectAgentIsRefusedNamingTheBlock()
    {
        using var admin = await AdminWithGroupAsync();

        using var response = await admin.PutAsync("/v1/flows/kyc", Json(KycFlow.Json(groupId: "g-nobody")), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("blocks[human].assign.groupId", await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task AValidFlowIsCreatedReplacedReadAndDeleted()
    {
        using var admin = await AdminWithGroupAsync();

        using var created = await admin.PutAsync("/v1/flows/kyc", Json(KycFlow.Json()), Cancel);
        using var replaced = await admin.PutAsync("/v1/flows/kyc", Json(KycFlow.Json(name: "KYC, second edition")), Cancel);
        var read = await admin.GetFromJsonAsync<JsonElement>("/v1/flows/kyc", Cancel);
        var listed = await admin.GetFromJsonAsync<JsonElement[]>("/v1/flows", Cancel);
        using var deleted = await admin.DeleteAsync("/v1/flows/kyc", Cancel);
        using var gone = await admin.GetAsync("/v1/flows/kyc", Cancel);

        await created.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(1, (await created.ReadJsonAsync()).GetProperty("version").GetInt32());
        await replaced.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, (await replaced.ReadJsonAsync()).GetProperty("version").GetInt32());
        Assert.Equal("kyc", read.GetProperty("id").GetString());
        Assert.Equal(2, read.GetProperty("version").GetInt32());
        Assert.Equal("KYC, second edition", read.GetProperty("name").GetString());
        Assert.Equal("welcome", read.GetProperty("start").GetString());
        Assert.Equal("kyc", Assert.Single(listed!).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    private async Task<HttpClient> AdminWithGroupAsync()
    {
        var tenant = await node.CreateTenantAsync();
        await tenant.AddGroupAsync(WhatsAppTenant.GroupId, []);
        return node.Client(tenant.AdminKey);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
