using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Truora.Api.Problems;

/// <summary>The expected failures, each an RFC 9457 problem with a stable <c>type</c>.</summary>
public static class ApiProblems
{
    public const string TypeBase = "https://truora.dev/problems/";

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

    public static ProblemHttpResult Problem(int status, string type, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: TypeBase + type);
}
