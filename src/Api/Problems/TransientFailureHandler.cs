using System.Data.Common;
using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Truora.Api.Problems;

/// <summary>
/// A request that failed because storage or a silo could not be reached right now is the client's to retry, not a
/// bug: 503 with <c>Retry-After</c>, never 500, logged as one warning line. Whatever the request changed in memory was
/// discarded with its failed write (the grains see to that), so the retry is taken afresh, and a retried webhook is
/// still recorded once. Part of such a request may have been stored before the failure (a write that timed out yet
/// committed), so the answer says "may not have taken effect", not "nothing happened".
/// </summary>
/// <remarks>
/// Such failures reach the API as the database driver's <see cref="DbException"/> (Npgsql's and SqlClient's both
/// derive from it) or a <see cref="TimeoutException"/>, usually wrapped in an <see cref="OrleansException"/> by the
/// grain's storage bridge; an ETag conflict means a write failed in a way that may have committed, and the fresh
/// activation that follows sorts it out; a silo that went away or rejected the message is cluster churn.
/// </remarks>
public sealed partial class TransientFailureHandler(IProblemDetailsService problems, ILogger<TransientFailureHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    private static bool IsTransient(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException or TimeoutException or InconsistentStateException or SiloUnavailableException or OrleansMessageRejectionException)
            {
                return true;
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(IsTransient))
            {
                return true;
            }
        }

        return false;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsTransient(exception))
        {
            return false;
        }

        LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.GetBaseException().GetType().Name, exception.GetBaseException().Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = ApiProblems.Unavailable(RetryAfterSeconds),
        });
    }
}
