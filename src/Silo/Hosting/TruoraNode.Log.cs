using Truora.Silo.Storage;

namespace Truora.Silo.Hosting;

public static partial class TruoraNode
{
    [LoggerMessage(Level = LogLevel.Critical, Message = "Start-up refused: {Reason}")]
    private static partial void LogStartupRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Truora node listening on {Urls}; silo {Silo}, gateway {Gateway}, storage {Storage}.")]
    private static partial void LogListening(ILogger logger, string urls, string silo, string gateway, StorageKind storage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The node did not stop within its {Seconds} s shutdown timeout (storage unreachable?); exiting without waiting further.")]
    private static partial void LogStopTimedOut(ILogger logger, double seconds);
}
