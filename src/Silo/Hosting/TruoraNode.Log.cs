using Truora.Silo.Storage;

namespace Truora.Silo.Hosting;

public static partial class TruoraNode
{
    [LoggerMessage(Level = LogLevel.Critical, Message = "Start-up refused: {Reason}")]
    private static partial void LogStartupRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Truora node listening on {Urls}; silo {Silo}, gateway {Gateway}, storage {Storage}.")]
    private static partial void LogListening(ILogger logger, string urls, string silo, string gateway, StorageKind storage);
}
