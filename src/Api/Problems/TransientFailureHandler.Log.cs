using Microsoft.Extensions.Logging;

namespace Truora.Api.Problems;

public sealed partial class TransientFailureHandler
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: storage or the cluster is unreachable ({ExceptionType}: {Reason}).")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string exceptionType, string reason);
}
