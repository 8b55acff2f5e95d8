using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Truora.Api;
using Truora.Api.Access;
using Truora.Api.Operations;
using Truora.Grains;
using Truora.Grains.Access;
using Truora.Grains.Telemetry;
using Truora.Silo.Storage;

namespace Truora.Silo.Hosting;

/// <summary>
/// The composition root: one node is an Orleans silo with the HTTP API co-hosted in the same process.
/// </summary>
public static partial class TruoraNode
{
    public const string DefaultUrl = "http://localhost:5080";
    public const string OperatorKeySetting = "Truora:OperatorKey";

    /// <summary>How long past the host's shutdown timeout a stop may take: the host's own work after it gives up.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);

    /// <summary>Runs the node, or the `migrate` command; the exit code says how it went.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var migrateOnly = args.Length > 0 && args[0] == "migrate";
        var builder = CreateBuilder(migrateOnly ? args[1..] : args);

        StorageSettings storage;
        try
        {
            storage = StorageSettings.Read(builder.Configuration);
            if (!migrateOnly)
            {
                RequireSecretsKey(storage, builder.Configuration);
            }
        }
        catch (InvalidConfigurationException ex)
        {
            using var loggers = LoggerFactory.Create(logging => AddConsole(logging));
            LogStartupRefused(loggers.CreateLogger(typeof(TruoraNode).FullName!), ex.Message);
            return 2;
        }

        if (migrateOnly)
        {
            return await MigrateAsync(storage);
        }

        var generatedKey = EnsureOperatorKey(builder.Configuration);
        var app = Build(builder, storage);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TruoraNode).FullName!);
        var stoppedInTime = true;
        try
        {
            if (!await PrepareStorageAsync(app, logger, app.Lifetime.ApplicationStopping))
            {
                return 3;
            }

            await app.StartAsync();
            var urls = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var silo = app.Services.GetRequiredService<ILocalSiloDetails>();
            LogListening(logger, string.Join(", ", urls), silo.SiloAddress.ToString(), silo.GatewayAddress?.ToString() ?? "none", storage.Kind);
            if (generatedKey is not null)
            {
                // Printed, not logged: it is a secret, and only the person starting the node needs it.
                Console.Out.WriteLine($"Operator key (generated for this run; set Truora__OperatorKey to keep one): {generatedKey}");
            }

            stoppedInTime = await RunUntilStoppedAsync(app, logger);
            return stoppedInTime ? 0 : 4;
        }
        finally
        {
            if (stoppedInTime)
            {
                await app.DisposeAsync();
            }
            else
            {
                // The host is stuck stopping and would be stuck disposing too; the console logger alone is let go,
                // so the lines it still queues (the timeout's among them) are written before the process ends.
                app.Services.GetRequiredService<ILoggerFactory>().Dispose();
            }
        }
    }

    /// <summary>
    /// Waits for SIGTERM (or Ctrl+C), then stops within the host's shutdown timeout (<c>shutdownTimeoutSeconds</c>,
    /// 30 by default) and a grace of <see cref="StopGrace"/> for the host's own clean-up. With its database gone the
    /// silo would go on retrying its last writes and its membership update for minutes; past that the process exits
    /// anyway (code 4), and what it could not write is what a crash would have lost: nothing acknowledged, since every
    /// answer waited for its write. False when it did not stop in time.
    /// </summary>
    private static async Task<bool> RunUntilStoppedAsync(WebApplication app, ILogger logger)
    {
        var stopRequested = new TaskCompletionSource();
        using (app.Lifetime.ApplicationStopping.Register(() => stopRequested.TrySetResult()))
        {
            await stopRequested.Task;
        }

        var timeout = app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
        var stopped = app.StopAsync();
        if (await Task.WhenAny(stopped, Task.Delay(timeout + StopGrace)) == stopped)
        {
            await stopped;
            return true;
        }

        LogStopTimedOut(logger, timeout.TotalSeconds);
        return false;
    }

    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        // Settings files sit beside the executable, wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        AddConsole(builder.Logging);
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        return builder;
    }

    /// <summary>Wires the silo, its storage and the API; throws <see cref="InvalidConfigurationException"/> for bad settings.</summary>
    public static WebApplication Build(WebApplicationBuilder builder, StorageSettings storage)
    {
        builder.Services.AddSingleton(storage);
        builder.Services.AddSingleton<DatabaseProbe>();
        builder.Services.AddSingleton<SchemaMigrator>();
        builder.Services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", tags: [OperationsEndpoints.ReadyTag])
            .AddCheck<ClusterHealthCheck>("cluster", tags: [OperationsEndpoints.ReadyTag]);
        builder.Services.AddTruoraApi();
        builder.Services.AddTruoraTelemetry(builder.Configuration);

        builder.UseOrleans(silo =>
        {
            silo.UseTruoraStorage(storage, builder.Configuration).AddTruoraGrains().UseTruoraClusterTls(builder.Configuration);
            // The API is co-hosted, so no Orleans client needs a gateway: it is opened only when a port is configured.
            if (string.IsNullOrWhiteSpace(builder.Configuration["Orleans:Endpoints:GatewayPort"]))
            {
                silo.Configure<Orleans.Configuration.EndpointOptions>(options => options.GatewayPort = 0);
            }
            if (TelemetryExtensions.TracingEnabled(builder.Configuration))
            {
                silo.AddActivityPropagation();
            }
        });

        var app = builder.Build();
        app.UseTruoraApi();
        var scrape = app.MapPrometheusScrapingEndpoint("/metrics");
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.AllowAnonymous)
        {
            scrape.AllowAnonymous();
        }
        else
        {
            scrape.RequireAuthorization(AccessPolicies.Operator);
        }
        return app;
    }

    /// <summary>Checks the database answers and, when asked to, applies the schema, before the silo joins.</summary>
    public static async Task<bool> PrepareStorageAsync(WebApplication app, ILogger logger, CancellationToken cancellationToken)
    {
        var storage = app.Services.GetRequiredService<StorageSettings>();
        var probe = app.Services.GetRequiredService<DatabaseProbe>();
        var problem = await probe.FindProblemAsync(requireSchema: !storage.AutoMigrate, cancellationToken);
        if (problem is null && storage.AutoMigrate)
        {
            await app.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
        }

        if (problem is not null)
        {
            LogStartupRefused(logger, problem);
            return false;
        }

        return true;
    }

    private static async Task<int> MigrateAsync(StorageSettings storage)
    {
        using var loggers = LoggerFactory.Create(logging => AddConsole(logging));
        var logger = loggers.CreateLogger(typeof(TruoraNode).FullName!);
        if (await new DatabaseProbe(storage).FindProblemAsync(requireSchema: false, CancellationToken.None) is { } problem)
        {
            LogStartupRefused(logger, problem);
            return 3;
        }

        await new SchemaMigrator(storage, loggers.CreateLogger<SchemaMigrator>()).MigrateAsync();
        return 0;
    }

    /// <summary>
    /// Tenants' secrets are sealed with <c>Truora:Secrets:Key</c>: with durable storage a key made per run would leave
    /// them unreadable after a restart (and differ between nodes), so it must be configured.
    /// </summary>
    private static void RequireSecretsKey(StorageSettings storage, IConfiguration configuration)
    {
        var key = configuration[$"{SecretsOptions.Section}:{nameof(SecretsOptions.Key)}"];
        if (string.IsNullOrWhiteSpace(key))
        {
            if (storage.IsRelational)
            {
                throw new InvalidConfigurationException(
                    $"Truora:Secrets:Key (Truora__Secrets__Key) is required with {storage.Kind} storage: 32 random bytes in base64 (openssl rand -base64 32).");
            }

            return;
        }

        try
        {
            SecretBox.ParseKey(key);
        }
        catch (FormatException ex)
        {
            throw new InvalidConfigurationException(ex.Message + " (Truora__Secrets__Key)");
        }
    }

    /// <summary>The operator key from configuration, or a fresh one for this run (returned so it can be shown once).</summary>
    private static string? EnsureOperatorKey(ConfigurationManager configuration)
    {
        if (!string.IsNullOrWhiteSpace(configuration[OperatorKeySetting]))
        {
            return null;
        }

        var key = "op_" + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        configuration[OperatorKeySetting] = key;
        return key;
    }

    private static void AddConsole(ILoggingBuilder logging) =>
        logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "HH:mm:ss.fff ";
            options.ColorBehavior = LoggerColorBehavior.Disabled;
        });
}
