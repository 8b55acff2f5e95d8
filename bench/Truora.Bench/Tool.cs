using System.Diagnostics;

namespace Truora.Bench;

/// <summary>The outside tools the harness runs (wrk, pgbench): started, read to the end, failed on a non-zero exit.</summary>
internal static class Tool
{
    /// <summary>A start for <paramref name="executable"/> with both outputs redirected; add arguments and environment to it.</summary>
    public static ProcessStartInfo Start(string executable) =>
        new(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };

    /// <summary>Runs it to its end; standard output then standard error.</summary>
    public static async Task<string> RunAsync(ProcessStartInfo start, CancellationToken cancel)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var output = process.StandardOutput.ReadToEndAsync(cancel);
        var errors = process.StandardError.ReadToEndAsync(cancel);
        await process.WaitForExitAsync(cancel);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(start.FileName)} exited with {process.ExitCode}: {(await errors).Trim()} {(await output).Trim()}");
        }

        return await output + await errors;
    }
}
