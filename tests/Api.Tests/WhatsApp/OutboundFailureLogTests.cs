using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Truora.Api.Tests.EndToEnd;
using Truora.Tests;

namespace Truora.Api.Tests.WhatsApp;

/// <summary>
/// Meta refusing the connection is an expected failure: the operator reads one Warning line per message, without a
/// stack trace, not a stack per retry attempt.
/// </summary>
public sealed class OutboundFailureLogTests(LogCollectingNode node) : IClassFixture<LogCollectingNode>
{
    // Nothing listens on the discard port of loopback (an allowed Graph origin in the tests, any port).
    private const string Refusing = "http://127.0.0.1:9";

    [Fact]
    public async Task ARefusedConnectionIsOneWarningPerMessageWithoutAStack()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        using var moved = await tenant.Admin.PutAsJsonAsync("/v1/channels/whatsapp", new
        {
            phoneNumberId = WhatsAppTenant.PhoneNumberId,
            accessToken = WhatsAppTenant.AccessToken,
            appSecret = WhatsAppTenant.AppSecret,
            verifyToken = WhatsAppTenant.VerifyToken,
            graphApiBaseUrl = Refusing,
            defaultFlowId = WhatsAppTenant.FlowId,
        }, TestContext.Current.CancellationToken);
        await moved.ExpectAsync(HttpStatusCode.OK);
        var logs = node.Services.GetFakeLogCollector();
        logs.Clear();

        // The flow's first step sends two prompts, both refused.
        await tenant.SayAsync(MetaPayloads.NewWaId(), "hi");

        var failures = await Poll.UntilAsync(
            () => Task.FromResult(logs.GetSnapshot().Where(record => record.Message.Contains("failed for good", StringComparison.Ordinal)).ToArray()),
            records => records.Length >= 2,
            "a failure line for each prompt");
        Assert.All(failures, record =>
        {
            Assert.Equal(LogLevel.Warning, record.Level);
            Assert.Null(record.Exception);
            Assert.Contains("could not be reached", record.Message, StringComparison.Ordinal);
        });
        Assert.Equal(2, failures.Select(record => record.Message).Distinct().Count());
        var noisy = logs.GetSnapshot().Where(record => record.Level >= LogLevel.Warning && !failures.Contains(record)).ToArray();
        Assert.True(noisy.Length == 0, "Other lines were logged: " + string.Join(" | ", noisy.Select(record => $"{record.Level} {record.Category}: {record.Message} {record.Exception?.GetType().Name}")));
    }
}
