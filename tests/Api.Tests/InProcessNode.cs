using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Truora.Api.Tests.Tenants;
using Truora.Silo.Hosting;
using Truora.Silo.Storage;

namespace Truora.Api.Tests;

/// <summary>
/// A whole node (silo + API, memory storage) in the test process, served by Kestrel on a free loopback
/// port, so every test speaks real HTTP to the real composition root.
/// </summary>
public class InProcessNode : IAsyncLifetime
{
    public const string OperatorKey = "op_test-operator-key-0123456789";

    /// <summary>Meta's, and loopback on any port, where the tests' Graph API stand-ins listen.</summary>
    public const string TestGraphOrigins = "https://graph.facebook.com,http://127.0.0.1";

    private WebApplication? app;

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => app!.Services;

    /// <summary>Settings a derived fixture adds, as command-line arguments.</summary>
    protected virtual IEnumerable<string> ExtraArguments => [];

    /// <summary>A derived fixture's changes to the node before it is built (a log sink, say).</summary>
    protected virtual void Configure(WebApplicationBuilder builder)
    {
    }

    public async ValueTask InitializeAsync()
    {
        var builder = TruoraNode.CreateBuilder(
        [
            "--urls=http://127.0.0.1:0",
            $"--Truora:OperatorKey={OperatorKey}",
            $"--Orleans:ClusterId=test-{Guid.NewGuid():N}",
            $"--Orleans:Endpoints:SiloPort={FreePort()}",
            $"--Orleans:Endpoints:GatewayPort={FreePort()}",
            "--Logging:LogLevel:Default=Warning",
            // The Graph API stand-ins listen on loopback ports.
            $"--Truora:WhatsApp:AllowedGraphOrigins={TestGraphOrigins}",
            .. ExtraArguments,
        ]);
        Configure(builder);
        app = TruoraNode.Build(builder, StorageSettings.Memory);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>A fresh tenant on this node; deconstructs into its id and admin key.</summary>
    public Task<HttpTenant> CreateTenantAsync() => HttpTenant.CreateAsync(BaseAddress, OperatorKey);

    /// <summary>A fresh member of the tenant whose admin key is given; returns its id and API key.</summary>
    public Task<(string Id, string Key)> CreateMemberAsync(string adminKey, string role = "agent_role") =>
        HttpTenant.AddMemberAsync(BaseAddress, adminKey, role: role);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class NodeCollection : ICollectionFixture<InProcessNode>
{
    public const string Name = "node";
}
