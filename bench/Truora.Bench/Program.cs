using System.Net;
using Truora.Bench;

var (options, error) = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine();
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

// Enough threads from the start: the pool's slow ramp-up would otherwise be measured as latency.
ThreadPool.GetMinThreads(out var workers, out var io);
ThreadPool.SetMinThreads(Math.Max(workers, options.Connections + 16), Math.Max(io, options.Connections + 16));

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

// One pool of keep-alive HTTP/1.1 connections per server, as many as there are workers; loopback only.
using var http = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = options.Connections,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    ConnectTimeout = TimeSpan.FromSeconds(10),
    UseProxy = false,
    UseCookies = false,
    AllowAutoRedirect = false,
    AutomaticDecompression = DecompressionMethods.None,
})
{
    Timeout = TimeSpan.FromSeconds(30),
};

var benchmarks = new Benchmarks(options, http, stop.Token);
try
{
    return options.Command == "echo" ? await benchmarks.EchoAsync() : await benchmarks.RunAsync();
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}
catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or TimeoutException or IOException)
{
    Console.Error.WriteLine($"Truora.Bench: {ex.Message}");
    return 2;
}
