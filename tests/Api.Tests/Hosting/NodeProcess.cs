using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Truora.Api.Tests.Hosting;

/// <summary>The real executable, started as a child process on free ports, as an operator would run it.</summary>
internal sealed partial class NodeProcess : IAsyncDisposable
{
    /// <summary>The key every node of a test seals channel secrets with (durable modes refuse to start without one).</summary>
    public const string SecretsKey = "dGVzdC1vbmx5LXNlY3JldHMta2V5LTMyLWJ5dGVzISE=";

    private readonly Process process;
    private readonly StringBuilder output = new();

    private NodeProcess(Process process, Uri baseAddress, int siloPort)
    {
        this.process = process;
        BaseAddress = baseAddress;
        SiloPort = siloPort;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public int SiloPort { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public static NodeProcess Start(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var httpPort = FreePort();
        var nodeDll = Path.Combine(AppContext.BaseDirectory, "Truora.Silo.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(nodeDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}";
        var siloPort = FreePort();
        start.Environment["Orleans__Endpoints__SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Orleans__ClusterId"] = $"node-{Guid.NewGuid():N}";
        start.Environment.Remove("Truora__OperatorKey");
        start.Environment["Truora__WhatsApp__AllowedGraphOrigins"] = InProcessNode.TestGraphOrigins;
        start.Environment["Truora__Secrets__Key"] = SecretsKey;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        return new NodeProcess(process, new Uri($"http://127.0.0.1:{httpPort}"), siloPort);
    }

    /// <summary>Polls readiness until it answers 200, the process dies, or the time runs out.</summary>
    public Task<bool> WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        PollReadinessAsync(response => Task.FromResult(response.StatusCode == HttpStatusCode.OK), timeout, cancellationToken);

    /// <summary>
    /// Polls readiness until this node's own view of the cluster counts <paramref name="silos"/> active silos (the
    /// cluster check's description), the process dies, or the time runs out.
    /// </summary>
    public Task<bool> WaitUntilItSeesAsync(int silos, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var expected = $"\"{silos} active silo(s) in the view of this silo.\"";
        return PollReadinessAsync(
            async response => (await response.Content.ReadAsStringAsync(cancellationToken)).Contains(expected, StringComparison.Ordinal),
            timeout, cancellationToken);
    }

    private async Task<bool> PollReadinessAsync(Func<HttpResponseMessage, Task<bool>> done, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync("/health/ready", cancellationToken);
                if (await done(response))
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A slow answer while the silo joins or the cluster changes.
            }

            await Task.Delay(200, cancellationToken);
        }

        return false;
    }

    /// <summary>Sends SIGTERM, as a service manager would, and waits for the process to end by itself.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!process.HasExited)
        {
            _ = Kill(process.Id, SigTerm);
        }

        using var cancellation = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancellation.Token);
        return process.ExitCode;
    }

    /// <summary>SIGKILL: the node dies mid-flight, as in a crash; nothing gets to clean up.</summary>
    public async Task KillAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancellation.Token);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
