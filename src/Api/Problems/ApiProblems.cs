using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Truora.Api.Problems;

/// <summary>The expected failures, each an RFC 9457 problem with a stable <c>type</c>.</summary>
public static class ApiProblems
{
    private const string TypeBase = "https://truora.dev/problems/";

    public static ProblemHttpResult NotFound(string what, string id) =>
        Problem(StatusCodes.Status404NotFound, "not-found", "Not found", $"There is no {what} '{id}'.");

    public static ProblemHttpResult Conflict(string detail) =>
        Problem(StatusCodes.Status409Conflict, "conflict", "Conflict", detail);

    public static ProblemHttpResult Forbidden(string detail) =>
        Problem(StatusCodes.Status403Forbidden, "forbidden", "Forbidden", detail);

    public static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors,
            detail: "The request has invalid fields: " + string.Join(", ", errors.Keys) + ".",
            type: TypeBase + "validation",
            title: "Invalid request");

    public static ValidationProblem Invalid(string field, string message) => Invalid(new() { [field] = [message] });

    /// <summary>Storage or a silo cannot be reached right now (see <see cref="TransientFailureHandler"/>).</summary>
    public static ProblemDetails Unavailable(int retryAfterSeconds) => new()
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Type = TypeBase + "unavailable",
        Title = "Service unavailable",
        Detail = "Storage or part of the cluster cannot be reached right now, so the request may not have taken effect. "
            + $"Retry it in {retryAfterSeconds} seconds (a webhook's messages are recorded once, however often it is retried).",
    };

    /// <summary>A key's requests came faster than its rate allows (see <see cref="Access.KeyRateLimits"/>).</summary>
    public static ProblemDetails RateLimited(int retryAfterSeconds) => new()
    {
        Status = StatusCodes.Status429TooManyRequests,
        Type = TypeBase + "rate-limited",
        Title = "Too many requests",
        Detail = $"This key made more requests than its rate allows; retry in {retryAfterSeconds} second(s).",
    };

    public static ProblemHttpResult Problem(int status, string type, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: TypeBase + type);
}
