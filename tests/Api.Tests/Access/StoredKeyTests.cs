using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Truora.Grains.Interfaces.Access;
using Truora.Grains.Members;
using Truora.Grains.Storage;
using Truora.Grains.Tenants;

namespace Truora.Api.Tests.Access;

/// <summary>Reads the raw grain state behind the API: keys are stored only as their SHA-256.</summary>
[Collection(NodeCollection.Name)]
public sealed class StoredKeyTests(InProcessNode node)
{
    [Fact]
    public async Task MemberAndTenantKeysAreStoredAsHashesOnly()
    {
        var (tenant, adminKey) = await node.CreateTenantAsync();
        var (member, memberKey) = await node.CreateMemberAsync(adminKey);
        var storage = node.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Name);

        var memberState = new GrainState<MemberState>(new MemberState());
        await storage.ReadStateAsync("member", GrainId.Create("member", $"{tenant}/{member}"), memberState);
        var tenantState = new GrainState<TenantState>(new TenantState());
        await storage.ReadStateAsync("tenant", GrainId.Create("tenant", tenant), tenantState);

        Assert.True(memberState.RecordExists);
        Assert.Equal(ApiKeyHash.Of(memberKey), memberState.State!.KeyHash);
        Assert.DoesNotContain(memberKey, JsonSerializer.Serialize(memberState.State!), StringComparison.Ordinal);
        Assert.True(tenantState.RecordExists);
        Assert.Equal(ApiKeyHash.Of(adminKey), tenantState.State!.AdminKeyHash);
        Assert.DoesNotContain(adminKey, JsonSerializer.Serialize(tenantState.State!), StringComparison.Ordinal);
    }
}
