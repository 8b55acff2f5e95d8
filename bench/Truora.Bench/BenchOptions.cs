using System.Net;

namespace Truora.Bench;

/// <summary>The command line: <c>echo</c> or <c>run</c>, then <c>--name value</c> pairs and the <c>--smoke</c> flag.</summary>
internal sealed class BenchOptions
{
    public const string Usage = """
        Truora.Bench: the load harness of issue 12.

          echo --seconds 10 --connections 64 [--pgbench CONN]
              The ceilings alone, in this process, driven with the webhook's payload: a bare Kestrel minimal-API JSON
              echo, and the relay (a first message's bare HTTP: answered, then its two prompts posted to a stand-in);
              with --pgbench, pgbench and the relay with a first message's three statements on that database too.

          run --node http://127.0.0.1:5080 --operator-key KEY --seconds 20 --contacts 2000 --agents 20 [--smoke]
              Against a running node: a fresh tenant, agents, group, flow and channel (to an in-process Graph API
              stand-in), then the ceilings (as echo), ingest, hand-off, agent-reply and history phases. The history phase
              grows up to 20 handed-off conversations to 1000 user messages each (smoke: 2 to 60; cap 120 s, 15 s).

        options
          --seconds N         echo and ingest length; the time cap of the paced phases      (echo 10, run 20; smoke 2)
          --warmup N          seconds of unrecorded traffic before echo and ingest          (2; smoke 0.5)
          --connections N     closed-loop workers / HTTP connections; the paced phases' in-flight cap   (64)
          --contacts N        contacts that answer the question (hand-off) and get an agent reply       (2000; smoke 20)
          --agents N          available agents in the rotation                                          (20; smoke 2)
          --max-ingest N      most first messages sent in the ingest warm-up, and again in its window  (1000000; smoke 400)
          --rate N            hand-off and agent-reply rate per second (default: half the measured ingest rate)
          --node URL          the node (loopback only)                                       (http://127.0.0.1:5080)
          --operator-key KEY  the node's Truora__OperatorKey (default: that environment variable)
          --pgbench CONN      the node stores in this PostgreSQL database (its ConnectionStrings__Orleans): pgbench runs
                              a single-row upsert there for --seconds after the relay, then the relay on it, and
                              ingest is compared with both
          --pgbench-path P    the pgbench executable      (pgbench on PATH, else /usr/lib/postgresql/15/bin/pgbench)
          --pgbench-clients N pgbench clients                                                           (16)
          --wrk PATH|none     the load generator of the echo ceiling and ingest: wrk (C, Debian's wrk package) or,
                              with none, this process's HttpClient, which spends ~3x Kestrel's CPU per request
                                                                                (wrk on PATH, else none)
          --markdown FILE     also append the results as a Markdown section to FILE
          --smoke             seconds-long run for CI: exits 1 on any HTTP error or a phase without successes
        """;

    public string Command { get; private init; } = "";

    public Uri Node { get; private set; } = new("http://127.0.0.1:5080");

    public string? OperatorKey { get; private set; }

    public double Seconds { get; private set; }

    public double Warmup { get; private set; } = 2;

    public int Connections { get; private set; } = 64;

    public int Contacts { get; private set; } = 2000;

    public int Agents { get; private set; } = 20;

    public int MaxIngest { get; private set; } = 1_000_000;

    public double? Rate { get; private set; }

    public string? Markdown { get; private set; }

    public string? PgBenchConnection { get; private set; }

    public string PgBenchPath { get; private set; } = PgBench.DefaultExecutable();

    public int PgBenchClients { get; private set; } = 16;

    /// <summary>wrk drives the echo ceiling and ingest when set; otherwise the harness's own HttpClient loops.</summary>
    public string? WrkPath { get; private set; } = Wrk.Find();

    public bool Smoke { get; private set; }

    /// <summary>Parses <paramref name="args"/>; a message instead when they are wrong.</summary>
    public static (BenchOptions? Options, string? Error) Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("echo" or "run"))
        {
            return (null, "The first argument must be the command: echo or run.");
        }

        var options = new BenchOptions { Command = args[0], Seconds = args[0] == "echo" ? 10 : 20 };
        var (given, smoke, error) = OptionValues.Read(args, options.Set);
        if (error is not null)
        {
            return (null, error);
        }

        options.Smoke = smoke;
        if (options.Smoke)
        {
            // Seconds, not minutes: CI keeps the harness working, it does not measure.
            options.Seconds = given.Contains("--seconds") ? Math.Min(options.Seconds, 2) : 2;
            options.Warmup = Math.Min(options.Warmup, 0.5);
            options.Contacts = given.Contains("--contacts") ? Math.Min(options.Contacts, 50) : 20;
            options.Agents = given.Contains("--agents") ? Math.Min(options.Agents, 4) : 2;
            options.MaxIngest = Math.Min(options.MaxIngest, 400);
            options.Connections = Math.Min(options.Connections, 16);
        }

        options.OperatorKey ??= Environment.GetEnvironmentVariable("Truora__OperatorKey");
        if (options.Command == "run" && string.IsNullOrEmpty(options.OperatorKey))
        {
            return (null, "run needs --operator-key (or Truora__OperatorKey in the environment).");
        }

        if (options.MaxIngest < options.Contacts)
        {
            options.MaxIngest = options.Contacts;
        }

        return (options, null);
    }

    private string? Set(string name, string value)
    {
        switch (name)
        {
            case "--node":
                if (!Uri.TryCreate(value, UriKind.Absolute, out var node) || node.Scheme != Uri.UriSchemeHttp || !IsLoopback(node))
                {
                    return "--node must be an http:// URL on 127.0.0.1 (or localhost): the harness sends traffic to this machine only.";
                }

                Node = node;
                return null;
            case "--operator-key":
                OperatorKey = value;
                return null;
            case "--markdown":
                Markdown = value;
                return null;
            case "--pgbench":
                PgBenchConnection = value;
                return null;
            case "--pgbench-path":
                PgBenchPath = value;
                return null;
            case "--wrk":
                WrkPath = value == "none" ? null : value;
                return null;
            case "--pgbench-clients":
                return OptionValues.Number(name, value, 1, 1000, v => PgBenchClients = (int)v);
            case "--seconds":
                return OptionValues.Number(name, value, 0.1, 3600, v => Seconds = v);
            case "--warmup":
                return OptionValues.Number(name, value, 0, 60, v => Warmup = v);
            case "--rate":
                return OptionValues.Number(name, value, 1, 1_000_000, v => Rate = v);
            case "--connections":
                return OptionValues.Number(name, value, 1, 4096, v => Connections = (int)v);
            case "--contacts":
                return OptionValues.Number(name, value, 1, 1_000_000, v => Contacts = (int)v);
            case "--agents":
                return OptionValues.Number(name, value, 1, 1000, v => Agents = (int)v);
            case "--max-ingest":
                return OptionValues.Number(name, value, 1, 10_000_000, v => MaxIngest = (int)v);
            default:
                return $"Unknown option {name}.";
        }
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback && (uri.Host == "localhost" || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));
}
