using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Truora.Api.Tests.EndToEnd;

namespace Truora.Api.Tests.Operations;

/// <summary>A node whose every log line, scopes and exceptions included, is kept for inspection.</summary>
public class LogCapturingNode : InProcessNode
{
    public ConcurrentQueue<string> Lines { get; } = new();

    protected override IEnumerable<string> ExtraArguments => ["--Logging:LogLevel:Default=Debug", "--Logging:LogLevel:Orleans=Information"];

    protected override void Configure(WebApplicationBuilder builder) => builder.Logging.AddProvider(new CapturingProvider(Lines));

    private sealed class CapturingProvider(ConcurrentQueue<string> lines) : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines, () => scopes);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines, Func<IExternalScopeProvider> scopes) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => scopes().Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new System.Text.StringBuilder($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            scopes().ForEachScope((scope, builder) => builder.Append(" | ").Append(scope), line);
            lines.Enqueue(line.ToString());
        }
    }
}

public sealed class SecretLogTests(LogCapturingNode node) : IClassFixture<LogCapturingNode>
{
    [Fact]
    public async Task NoAccessTokenOrAppSecretEverReachesTheLogs()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        var conversation = await tenant.ReachAgentAsync("573003330001");
        using var reply = await tenant.FirstAgent.PostAsync($"/v1/conversations/{conversation}/messages",
            System.Net.Http.Json.JsonContent.Create(new { text = "hello from the agent" }), TestContext.Current.CancellationToken);
        await tenant.Graph.WaitForAsync(posts => posts.Any(post => post.Body.ToString().Contains("hello from the agent", StringComparison.Ordinal)), TimeSpan.FromSeconds(10));

        var lines = node.Lines.ToArray();
        Assert.NotEmpty(lines);
        Assert.Contains(lines, line => line.Contains($"TenantId:{tenant.Id}", StringComparison.Ordinal) || line.Contains(tenant.Id, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(WhatsAppTenant.AccessToken, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(WhatsAppTenant.AppSecret, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(WhatsAppTenant.VerifyToken, StringComparison.Ordinal));
    }
}
