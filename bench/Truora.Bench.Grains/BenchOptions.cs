namespace Truora.Bench.Grains;

/// <summary>The command line: <c>handoffs</c> or <c>memory</c>, then <c>--name value</c> pairs and the <c>--smoke</c> flag.</summary>
internal sealed class BenchOptions
{
    public const string Usage = """
        Truora.Bench.Grains: grain-level load of issue 12, no HTTP. The real grains run in an in-process Orleans
        test cluster on memory storage (or PostgreSQL, memory mode); the cluster client in this same process
        drives them.

          handoffs --silos 3 --seconds 20 --in-flight 256 --agents 20
              One tenant, --agents available agents (no capacity limit) in one group, then as many conversation
              openings (hand-offs, available rotation) as the cluster takes in --seconds, --in-flight at a time.
              Reports the rate, exact latency percentiles and the owners' spread (rotation fairness).

          memory --conversations 100000 --messages 20 --in-flight 512 --agents 20
              One silo holding --conversations open conversations of --messages messages each (the opening's
              3-entry transcript counts; the rest are user messages appended as the WhatsApp inbound path does).
              Reports the process's working set and GC heap against a baseline taken after set-up, the activation
              count and the bytes per conversation.

        options
          --silos N           silos in the cluster                                   (handoffs 3, memory 1)
          --seconds N         hand-off window                                        (20; smoke 2)
          --warmup N          seconds of unrecorded hand-offs before the window      (2; smoke 0.5)
          --in-flight N       calls in flight from the client                        (handoffs 256, memory 512; smoke <= 16, 64)
          --agents N          available agents in the group's rotation               (20; smoke 2)
          --conversations N   memory: conversations opened and kept active           (100000; smoke 200)
          --messages N        memory: messages per conversation, opening included    (20; smoke 5; at least 3)
          --postgres CONN     memory: grain state and reminders in this PostgreSQL database (an Npgsql connection
                              string; the schema is migrated first), as the node's Postgres mode stores them
          --appends MODE      memory: rounds (message 1 to every conversation, then message 2, ...) or bursts
                              (a conversation's messages all at once, which its writes coalesce)
                                                                                     (rounds; postgres bursts)
          --markdown FILE     also append the results as a Markdown section to FILE
          --smoke             seconds-long run: exits 1 on any error
        """;

    public string Command { get; private init; } = "";

    public int Silos { get; private set; }

    public double Seconds { get; private set; } = 20;

    public double Warmup { get; private set; } = 2;

    public int InFlight { get; private set; }

    public int Agents { get; private set; } = 20;

    public int Conversations { get; private set; } = 100_000;

    public int Messages { get; private set; } = 20;

    public string? Markdown { get; private set; }

    /// <summary>Memory mode's PostgreSQL connection string; null for memory storage.</summary>
    public string? Postgres { get; private set; }

    /// <summary>Memory mode: a conversation's user messages sent all at once rather than round by round.</summary>
    public bool Bursts { get; private set; }

    public bool Smoke { get; private set; }

    /// <summary>Parses <paramref name="args"/>; a message instead when they are wrong.</summary>
    public static (BenchOptions? Options, string? Error) Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("handoffs" or "memory"))
        {
            return (null, "The first argument must be the command: handoffs or memory.");
        }

        var handoffs = args[0] == "handoffs";
        var options = new BenchOptions { Command = args[0], Silos = handoffs ? 3 : 1, InFlight = handoffs ? 256 : 512 };
        var (given, smoke, error) = OptionValues.Read(args, options.Set);
        if (error is not null)
        {
            return (null, error);
        }

        options.Smoke = smoke;
        if (!given.Contains("--appends"))
        {
            // Round by round, every append is a write of its own: millions of database round trips at 100,000.
            options.Bursts = options.Postgres is not null;
        }

        if (options.Smoke)
        {
            // Seconds, not minutes: the smoke proves the modes work, it measures nothing.
            options.Seconds = given.Contains("--seconds") ? Math.Min(options.Seconds, 2) : 2;
            options.Warmup = Math.Min(options.Warmup, 0.5);
            options.InFlight = Math.Min(options.InFlight, handoffs ? 16 : 64);
            options.Agents = given.Contains("--agents") ? Math.Min(options.Agents, 4) : 2;
            options.Conversations = given.Contains("--conversations") ? Math.Min(options.Conversations, 1000) : 200;
            options.Messages = given.Contains("--messages") ? Math.Min(options.Messages, 10) : 5;
        }

        if (options.Messages < MemoryLoad.TranscriptLength)
        {
            return (null, $"--messages must be at least {MemoryLoad.TranscriptLength}: the opening's transcript counts.");
        }

        return (options, null);
    }

    private string? Set(string name, string value)
    {
        switch (name)
        {
            case "--markdown":
                Markdown = value;
                return null;
            case "--postgres":
                Postgres = value;
                return null;
            case "--appends" when value is "rounds" or "bursts":
                Bursts = value == "bursts";
                return null;
            case "--appends":
                return "--appends must be rounds or bursts.";
            case "--silos":
                return OptionValues.Number(name, value, 1, 10, v => Silos = (int)v);
            case "--seconds":
                return OptionValues.Number(name, value, 0.1, 3600, v => Seconds = v);
            case "--warmup":
                return OptionValues.Number(name, value, 0, 60, v => Warmup = v);
            case "--in-flight":
                return OptionValues.Number(name, value, 1, 4096, v => InFlight = (int)v);
            case "--agents":
                return OptionValues.Number(name, value, 1, 1000, v => Agents = (int)v);
            case "--conversations":
                return OptionValues.Number(name, value, 1, 10_000_000, v => Conversations = (int)v);
            case "--messages":
                return OptionValues.Number(name, value, 1, 10_000, v => Messages = (int)v);
            default:
                return $"Unknown option {name}.";
        }
    }
}
