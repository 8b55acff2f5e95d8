using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;
using Truora.Grains.Access;
using Truora.Grains.Contacts;
using Truora.Grains.Conversations;
using Truora.Grains.Conversations.Records;
using Truora.Grains.Events;
using Truora.Grains.Flows;
using Truora.Grains.Routing;
using Truora.Grains.Storage;
using Truora.Grains.Telemetry;
using Truora.Grains.WhatsApp;

namespace Truora.Grains;

public static class TruoraGrainsSiloBuilderExtensions
{
    /// <summary>
    /// What every silo running Truora grains needs besides storage: the clock, the tenant guard, the options,
    /// the flow cache, the conversations' store (in memory unless the storage wiring chose a database) and the
    /// WhatsApp sender.
    /// </summary>
    public static ISiloBuilder AddTruoraGrains(this ISiloBuilder silo)
    {
        var services = silo.Services;
        services.TryAddKeyedSingleton(DomainClock.Key, TimeProvider.System);
        services.AddValidatedOptions<RoutingOptions>(RoutingOptions.Section);
        services.AddValidatedOptions<ConversationOptions>(ConversationOptions.Section);
        services.AddValidatedOptions<ContactOptions>(ContactOptions.Section);
        services.AddValidatedOptions<AgentInboxOptions>(AgentInboxOptions.Section);
        services.AddValidatedOptions<WhatsAppOptions>(WhatsAppOptions.Section)
            .Validate(options => Parses(() => OriginAllowList.Parse(options.AllowedGraphOrigins)),
                "Truora:WhatsApp:AllowedGraphOrigins must be comma-separated origins (scheme://host[:port]).");
        services.AddValidatedOptions<SecretsOptions>(SecretsOptions.Section)
            .Validate(options => string.IsNullOrWhiteSpace(options.Key) || Parses(() => SecretBox.ParseKey(options.Key)),
                "Truora:Secrets:Key must be 32 random bytes in base64 (openssl rand -base64 32).");
        services.TryAddSingleton<SecretBox>();
        services.TryAddSingleton<FlowDefinitionCache>();
        services.AddValidatedOptions<GroupCommitOptions>(GroupCommitOptions.Section)
            .Validate(options => options.MaxQueued >= options.MaxBatch, "Truora:Storage:GroupCommit:MaxQueued must be at least MaxBatch.");
        services.TryAddSingleton<IConversationRecords, MemoryConversationRecords>();
        services.TryAddSingleton<ConversationStore>();
        services.AddOptions<GrainStorageOptions>();
        services.TryAddSingleton<ShutdownReach>();
        services.AddValidatedOptions<MetricsOptions>(MetricsOptions.Section);
        services.AddMetrics();
        services.TryAddSingleton<TruoraMetrics>();

        services.TryAddSingleton<OutboundDispatcher>();
        services.TryAddSingleton<IOutboundDispatcher>(sp => sp.GetRequiredService<OutboundDispatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<OutboundDispatcher>());
        services.AddHttpClient(OutboundDispatcher.HttpClientName)
            // The factory's own logging writes two entries and opens a scope per request, allocated even when
            // filtered out; the sender logs what matters (a message that failed for good) itself.
            .RemoveAllLoggers()
            // A redirect would re-post the message (recipient and text) to any Location, off the allowed origins.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddResilienceHandler("graph-api", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<WhatsAppOptions>>().Value;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.RetryAttempts,
                    Delay = options.RetryDelay,
                    BackoffType = Polly.DelayBackoffType.Exponential,
                    UseJitter = true,
                });
                pipeline.AddTimeout(options.AttemptTimeout);
            })
            // One pipeline per Graph API host, so one tenant's broken endpoint never slows another's.
            .SelectPipelineByAuthority();
        // Polly logs every attempt of a failing post at Warning or Error, each with the exception's whole stack: a
        // refused connection, which is Meta's or the network's and expected, became kilobytes per retry. The sender
        // writes one Warning line per message that failed for good; the attempts, retries and attempt timeouts stay
        // at Debug for whoever needs them, and any other event (a circuit opening, say) keeps its level.
        services.Configure<TelemetryOptions>(telemetry =>
        {
            var severity = telemetry.SeverityProvider;
            telemetry.SeverityProvider = args =>
                args.Event.EventName is "ExecutionAttempt" or "OnRetry" or "OnTimeout"
                && args.Source.PipelineName?.StartsWith(OutboundDispatcher.HttpClientName, StringComparison.Ordinal) == true
                    ? ResilienceEventSeverity.Debug
                    : severity?.Invoke(args) ?? args.Event.Severity;
        });

        return silo.AddIncomingGrainCallFilter<TenantGuardFilter>();
    }

    /// <summary>
    /// Binds a section and checks it when the silo starts (its data annotations, then the caller's rules): a bad
    /// setting stops the node with a sentence naming it, not the thousandth chat that reads it.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : class =>
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();

    /// <summary>Whether a setting parses: its parser throws <see cref="FormatException"/> naming what is wrong.</summary>
    private static bool Parses(Action parse)
    {
        try
        {
            parse();
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
