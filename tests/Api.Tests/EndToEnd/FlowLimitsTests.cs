using System.Net;
using System.Text;
using System.Text.Json;

namespace Truora.Api.Tests.EndToEnd;

/// <summary>A flow is a document a person writes: at most 500 blocks and 256 KiB; no body of any route passes 1 MiB.</summary>
[Collection(NodeCollection.Name)]
public sealed class FlowLimitsTests(InProcessNode node)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFlowOfMoreThan500BlocksIsRefusedNamingBlocks()
    {
        using var response = await PutFlowAsync(Flow(blocks: 501, textLength: 10));

        await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("blocks", await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task AFlowOver256KibIsRefusedNamingTheBody()
    {
        using var response = await PutFlowAsync(Flow(blocks: 100, textLength: 4000));

        await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("body", await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task ABodyOverOneMebibyteIsTooLargeNamingTheBody()
    {
        using var response = await PutFlowAsync(Flow(blocks: 300, textLength: 4000));

        await response.ExpectAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("body", await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task AFlowSavedManyTimesServesItsLatestVersion()
    {
        var (_, adminKey) = await node.CreateTenantAsync();
        using var admin = node.Client(adminKey);
        JsonElement saved = default;
        for (var i = 0; i < 25; i++)
        {
            using var response = await admin.PutAsync("/v1/flows/often", Content(Flow(blocks: 2, textLength: 10 + i)), Cancel);
            saved = await response.ReadJsonAsync();
        }

        var current = await (await admin.GetAsync("/v1/flows/often", Cancel)).ReadJsonAsync();
        Assert.Equal(25, saved.GetProperty("version").GetInt32());
        Assert.Equal(25, current.GetProperty("version").GetInt32());
        Assert.Equal(new string('x', 34), current.GetProperty("blocks")[0].GetProperty("text").GetString());
    }

    private async Task<HttpResponseMessage> PutFlowAsync(string json)
    {
        var (_, adminKey) = await node.CreateTenantAsync();
        using var admin = node.Client(adminKey);
        return await admin.PutAsync($"/v1/flows/f-{Guid.NewGuid():N}"[..20], Content(json), Cancel);
    }

    /// <summary>A chain of message blocks, each with a text of the given length.</summary>
    private static string Flow(int blocks, int textLength) => JsonSerializer.Serialize(new
    {
        name = "Big",
        start = "b0",
        blocks = Enumerable.Range(0, blocks).Select(i => new
        {
            id = $"b{i}",
            type = "message",
            text = new string('x', textLength),
            next = i + 1 < blocks ? $"b{i + 1}" : null,
        }),
    });

    private static StringContent Content(string json) => new(json, Encoding.UTF8, "application/json");
}
