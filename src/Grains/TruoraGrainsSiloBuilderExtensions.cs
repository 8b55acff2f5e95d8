using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Truora.Grains.Access;
using Truora.Grains.Contacts;
using Truora.Grains.Conversations;
using Truora.Grains.Conversations.Records;
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
        services.AddOptions<RoutingOptions>().BindConfiguration(RoutingOptions.Section);
        services.AddOptions<ConversationOptions>().BindConfiguration(ConversationOptions.Section);
        services.AddOptions<ContactOptions>().BindConfiguration(ContactOptions.Section);
        services.AddOptions<WhatsAppOptions>().BindConfiguration(WhatsAppOptions.Section)
            .Validate(options => options.SendConcurrency is >= 1 and <= 256 && options.RetryAttempts is >= 0 and <= 10,
                "Truora:WhatsApp: SendConcurrency must be 1-256 and RetryAttempts 0-10.")
            .Validate(options => Parses(() => OriginAllowList.Parse(options.AllowedGraphOrigins)),
                "Truora:WhatsApp:AllowedGraphOrigins must be comma-separated origins (scheme://host[:port]).")
            .ValidateOnStart();
        services.AddOptions<SecretsOptions>().BindConfiguration(SecretsOptions.Section)
            .Validate(options => string.IsNullOrWhiteSpace(options.Key) || Parses(() => SecretBox.ParseKey(options.Key)),
                "Truora:Secrets:Key must be 32 random bytes in base64 (openssl rand -base64 32).")
            .ValidateOnStart();
        services.TryAddSingleton<SecretBox>();
        services.TryAddSingleton<FlowDefinitionCache>();
        services.AddOptions<GroupCommitOptions>().BindConfiguration(GroupCommitOptions.Section)
            .Validate(options => options.MaxBatch is >= 1 and <= 4_096 && options.BatchesInFlight is >= 1 and <= 16
                && options.Linger >= TimeSpan.Zero && options.Linger <= TimeSpan.FromMilliseconds(100) && options.MaxQueued >= options.MaxBatch
                && options.DrainTimeout > TimeSpan.Zero && options.DrainTimeout <= TimeSpan.FromMinutes(1),
                "Truora:Storage:GroupCommit: MaxBatch 1-4096, BatchesInFlight 1-16, Linger 0-100 ms, MaxQueued at least MaxBatch, DrainTimeout over 0 and at most a minute.")
            .ValidateOnStart();
        services.TryAddSingleton<IConversationRecords, MemoryConversationRecords>();
        services.TryAddSingleton<ConversationStore>();
        services.AddOptions<GrainStorageOptions>();
        services.TryAddSingleton<ShutdownReach>();
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section);
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

        return silo.AddIncomingGrainCallFilter<TenantGuardFilter>();
    }

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
