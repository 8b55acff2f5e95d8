using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Truora.Api.Tests.WhatsApp;

/// <summary>A node that keeps its log records, retrying a failed post once and soon.</summary>
public sealed class LogCollectingNode : InProcessNode
{
    protected override IEnumerable<string> ExtraArguments =>
        ["--Truora:WhatsApp:RetryAttempts=1", "--Truora:WhatsApp:RetryDelay=00:00:00.010"];

    protected override void Configure(WebApplicationBuilder builder) => builder.Logging.AddFakeLogging();
}
