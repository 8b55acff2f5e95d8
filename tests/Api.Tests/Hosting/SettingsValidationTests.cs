using Microsoft.Extensions.Options;
using Truora.Silo.Hosting;
using Truora.Silo.Storage;

namespace Truora.Api.Tests.Hosting;

/// <summary>A setting out of its range stops the node as it starts, naming the setting, before any chat reads it.</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Truora:Conversations:ListDays", "0", "ListDays")]
    [InlineData("Truora:Conversations:MaxOpen", "00:00:00", "MaxOpen")]
    [InlineData("Truora:Routing:WaitingQueueSweep", "00:00:00", "WaitingQueueSweep")]
    [InlineData("Truora:Contacts:SeenMessageIdsKept", "0", "SeenMessageIdsKept")]
    [InlineData("Truora:Contacts:OpeningRetry", "00:00:00", "OpeningRetry")]
    [InlineData("Truora:WhatsApp:SendConcurrency", "0", "SendConcurrency")]
    [InlineData("Truora:Storage:GroupCommit:MaxBatch", "0", "MaxBatch")]
    [InlineData("Truora:Events:Heartbeat", "00:01:00", "Heartbeat")]
    [InlineData("Truora:Events:Inbox:FlushDelay", "00:00:00", "FlushDelay")]
    [InlineData("Truora:RateLimit:PermitsPerSecond", "0", "PermitsPerSecond")]
    public async Task AnOutOfRangeSettingStopsTheStartNamingIt(string key, string value, string named)
    {
        var builder = TruoraNode.CreateBuilder(
        [
            "--urls=http://127.0.0.1:0",
            $"--Truora:OperatorKey={InProcessNode.OperatorKey}",
            $"--Orleans:ClusterId=test-{Guid.NewGuid():N}",
            $"--Orleans:Endpoints:SiloPort={InProcessNode.FreePort()}",
            $"--Orleans:Endpoints:GatewayPort={InProcessNode.FreePort()}",
            "--Logging:LogLevel:Default=None",
            $"--{key}={value}",
        ]);
        await using var app = TruoraNode.Build(builder, StorageSettings.Memory);

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }
}
