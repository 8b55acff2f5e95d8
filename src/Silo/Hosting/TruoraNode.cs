using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Truora.Api;
using Truora.Api.Operations;
using Truora.Grains;
using Truora.Silo.Storage;

namespace Truora.Silo.Hosting;

/// <summary>
/// The composition root: one node is an Orleans silo with the HTTP API co-hosted in the same process.
/// </summary>
public static partial class TruoraNode
{
    public const string DefaultUrl = "http://localhost:5080";
    public const string OperatorKeySetting = "Truora:OperatorKey";

    /// <summary>Runs the node, or the `migrate` command; the exit code says how it went.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var migrateOnly = args.Length > 0 && args[0] == "migrate";
        var builder = CreateBuilder(migrateOnly ? args[1..] : args);

        StorageSettings storage;
        try
        {
            storage = StorageSettings.Read(builder.Configuration);
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
        if (!await PrepareStorageAsync(app, logger, app.Lifetime.ApplicationStopping))
        {
            await app.DisposeAsync();
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

        return await RunUntilStoppedAsync(app, logger);
    }

    /// <summary>
    /// Waits for SIGTERM (or Ctrl+C), then stops within the host's shutdown timeout (<c>shutdownTimeoutSeconds</c>,
    /// 30 by default). With its database gone the silo would go on retrying its last writes and its membership
    /// update for minutes; past the timeout the process exits anyway (code 4), and what it could not write is
    /// what a crash would have lost: nothing acknowledged, since every answer waited for its write.
    /// </summary>
    private static async Task<int> RunUntilStoppedAsync(WebApplication app, ILogger logger)
    {
        var stopRequested = new TaskCompletionSource();
        using (app.Lifetime.ApplicationStopping.Register(() => stopRequested.TrySetResult()))
        {
            await stopRequested.Task;
        }

        var timeout = app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
        var stopped = StopAndDisposeAsync(app);
        if (await Task.WhenAny(stopped, Task.Delay(timeout)) == stopped)
        {
            await stopped;
            return 0;
        }

        LogStopTimedOut(logger, timeout.TotalSeconds);
        return 4;
    }

    private static async Task StopAndDisposeAsync(WebApplication app)
    {
        await app.StopAsync();
        await app.DisposeAsync();
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
            silo.UseTruoraStorage(storage, builder.Configuration).AddTruoraGrains();
            if (TelemetryExtensions.TracingEnabled(builder.Configuration))
            {
                silo.AddActivityPropagation();
            }
        });

        var app = builder.Build();
        app.UseTruoraApi();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
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
