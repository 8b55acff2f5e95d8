using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Truora.Bench;

/// <summary>
/// What one wrk run did: its phase row, and how many requests each thread sent; thread <c>Offset</c> sent requests
/// <c>Offset</c>, <c>Offset + Stride</c>, … in order.
/// </summary>
internal sealed record WrkRun(PhaseResult Phase, int Stride, IReadOnlyList<(int Offset, long Sent)> Threads);

/// <summary>
/// Closed-loop load from wrk (Debian's <c>wrk</c> package), a C load generator: an HttpClient loop on the same two
/// cores spends about three times the CPU per request that Kestrel does, so it measured the echo at a third of
/// what the machine serves and took those cores from the node during ingest. Each request is one line of a file
/// the harness writes; of n threads, thread t sends requests t, t + n, t + 2n… once each, in order, so each
/// contact's first message goes out once. The ceiling's requests are few and repeat.
/// </summary>
internal static partial class Wrk
{
    /// <summary>
    /// Each thread reads its own file of whole HTTP requests (each ended by a NUL byte) at start: wrk starts a thread
    /// as soon as its own script is ready, while the next one still reads, so reading must be quick.
    /// </summary>
    private const string Script = """
        local index = 0
        local threads = {}

        function setup(thread)
          thread:set("number", index)
          index = index + 1
          table.insert(threads, thread)
        end

        requests = {}
        sent = 0

        function init(args)
          repeats = args[2] == "repeat"
          local file = assert(io.open(args[1] .. "." .. number, "rb"))
          local data = file:read("*a")
          file:close()
          for request in data:gmatch("([^%z]+)%z") do
            requests[#requests + 1] = request
          end
        end

        function request()
          if sent >= #requests and not repeats then
            exhausted = true
            wrk.thread:stop()
          end
          sent = sent + 1
          return requests[(sent - 1) % #requests + 1]
        end

        function done(summary, latency, requests)
          local e = summary.errors
          io.write(string.format("truora completed %d duration_us %d errors %d %d %d %d %d\n", summary.requests,
            summary.duration, e.connect, e.read, e.write, e.status, e.timeout))
          for _, p in ipairs({ 50, 99, 99.9 }) do
            io.write(string.format("truora p%s %d\n", p, latency:percentile(p)))
          end
          io.write(string.format("truora max %d\n", latency.max))
          for _, t in ipairs(threads) do
            io.write(string.format("truora thread %d sent %d exhausted %s\n", t:get("number"), t:get("sent"),
              tostring(t:get("exhausted") == true)))
          end
        end
        """;

    /// <summary>wrk on PATH, or null.</summary>
    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "wrk"))
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// Sends the <paramref name="requests"/> (signature, body) to <paramref name="url"/> for <paramref name="seconds"/>
    /// over <paramref name="connections"/> connections; with <paramref name="repeat"/> they go round again.
    /// </summary>
    public static async Task<WrkRun> RunAsync(
        string executable, string name, Uri url, IEnumerable<(ReadOnlyMemory<byte> Body, string Signature)> requests,
        bool repeat, int connections, int threads, double seconds, CancellationToken cancel)
    {
        var directory = Directory.CreateTempSubdirectory("truora-wrk-");
        try
        {
            var script = Path.Combine(directory.FullName, "requests.lua");
            var files = Path.Combine(directory.FullName, "requests");
            threads = Math.Clamp(threads, 1, connections);
            await File.WriteAllTextAsync(script, Script, cancel);
            await WriteRequestsAsync(files, url, requests, threads, cancel);

            var start = Tool.Start(executable);
            foreach (var argument in new[]
            {
                "-t", threads.ToString(CultureInfo.InvariantCulture),
                "-c", connections.ToString(CultureInfo.InvariantCulture),
                "-d", Math.Max(1, (int)Math.Round(seconds)).ToString(CultureInfo.InvariantCulture) + "s",
                "--timeout", "30s",
                "-s", script, url.ToString(), "--", files, repeat ? "repeat" : "once",
            })
            {
                start.ArgumentList.Add(argument);
            }

            return Parse(name, await Tool.RunAsync(start, cancel), threads);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Request <c>i</c> goes to thread <c>i % threads</c>'s file, as a whole HTTP/1.1 request ended by a NUL byte.</summary>
    private static async Task WriteRequestsAsync(
        string path, Uri url, IEnumerable<(ReadOnlyMemory<byte> Body, string Signature)> requests, int threads, CancellationToken cancel)
    {
        var files = new FileStream[threads];
        try
        {
            for (var t = 0; t < threads; t++)
            {
                files[t] = new FileStream($"{path}.{t}", FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            }

            var i = 0;
            foreach (var (body, signature) in requests)
            {
                var file = files[i++ % threads];
                var head = string.Create(CultureInfo.InvariantCulture,
                    $"POST {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nContent-Type: application/json\r\n{Webhooks.SignatureHeader}: {signature}\r\nContent-Length: {body.Length}\r\n\r\n");
                await file.WriteAsync(Encoding.ASCII.GetBytes(head), cancel);
                await file.WriteAsync(body, cancel);
                file.WriteByte(0);
            }
        }
        finally
        {
            foreach (var file in files)
            {
                if (file is not null)
                {
                    await file.DisposeAsync();
                }
            }
        }
    }

    private static WrkRun Parse(string name, string output, int threads)
    {
        var summary = SummaryLine().Match(output);
        if (!summary.Success)
        {
            throw new InvalidOperationException($"wrk printed no summary:{Environment.NewLine}{output}");
        }

        var completed = long.Parse(summary.Groups["completed"].Value, CultureInfo.InvariantCulture);
        var seconds = long.Parse(summary.Groups["duration"].Value, CultureInfo.InvariantCulture) / 1e6;
        var errors = summary.Groups["errors"].Captures.Sum(capture => long.Parse(capture.Value, CultureInfo.InvariantCulture));
        double Percentile(string label)
        {
            var line = Regex.Match(output, $@"^truora p{Regex.Escape(label)} (\d+)$", RegexOptions.Multiline);
            return line.Success ? Microseconds(line.Groups[1].Value) : double.NaN;
        }

        var max = MaxLine().Match(output);
        var sent = ThreadLines().Matches(output)
            .Select(match => (
                Offset: int.Parse(match.Groups["offset"].Value, CultureInfo.InvariantCulture),
                Sent: long.Parse(match.Groups["sent"].Value, CultureInfo.InvariantCulture),
                Exhausted: match.Groups["exhausted"].Value == "true"))
            .ToList();
        var note = sent.Any(thread => thread.Exhausted) ? "wrk ran out of distinct requests before the window ended: the rate is understated" : null;

        // wrk counts non-2xx answers among its completed requests; the row's "ok" are the others.
        var ok = completed - long.Parse(summary.Groups["errors"].Captures[3].Value, CultureInfo.InvariantCulture);
        var phase = new PhaseResult(name, ok, errors, seconds > 0 ? ok / seconds : double.NaN,
            Percentile("50"), Percentile("99"), Percentile("99.9"), max.Success ? Microseconds(max.Groups[1].Value) : double.NaN, note);
        return new WrkRun(phase, threads, [.. sent.Select(thread => (thread.Offset, thread.Sent))]);
    }

    private static double Microseconds(string value) => double.Parse(value, CultureInfo.InvariantCulture) / 1000;

    [GeneratedRegex(@"^truora completed (?<completed>\d+) duration_us (?<duration>\d+) errors(?: (?<errors>\d+)){5}$", RegexOptions.Multiline)]
    private static partial Regex SummaryLine();

    [GeneratedRegex(@"^truora max (\d+)$", RegexOptions.Multiline)]
    private static partial Regex MaxLine();

    [GeneratedRegex(@"^truora thread (?<offset>\d+) sent (?<sent>\d+) exhausted (?<exhausted>true|false)$", RegexOptions.Multiline)]
    private static partial Regex ThreadLines();
}
