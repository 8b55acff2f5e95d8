using System.Globalization;
using Microsoft.AspNetCore.Http;
using Truora.Api.Problems;
using Truora.Grains.Interfaces.Conversations;

namespace Truora.Api.Conversations;

/// <summary>Maps a conversation action's outcome to the contract's status codes.</summary>
public static class ConversationProblems
{
    public static IResult OkOr(ConversationReply reply) =>
        reply.Outcome is ConversationOutcome.Ok ? TypedResults.Ok(ConversationItemView.From(reply.Conversation!)) : From(reply);

    public static IResult From(ConversationReply reply)
    {
        var detail = reply.Detail ?? "The conversation refused the action.";
        return reply.Outcome switch
        {
            ConversationOutcome.NotFound or ConversationOutcome.MemberNotFound =>
                ApiProblems.Problem(StatusCodes.Status404NotFound, "not-found", "Not found", detail),
            ConversationOutcome.Forbidden => ApiProblems.Forbidden(detail),
            ConversationOutcome.OutsideWindow =>
                ApiProblems.Problem(StatusCodes.Status409Conflict, "outside-window", "Outside the 24-hour window", detail),
            ConversationOutcome.CooldownActive => new CooldownResult(reply.RetryAfter ?? TimeSpan.Zero, detail),
            _ => ApiProblems.Conflict(detail),
        };
    }

    /// <summary>429 with an integer Retry-After, in seconds, rounded up so a client waiting that long succeeds.</summary>
    private sealed class CooldownResult(TimeSpan retryAfter, string detail) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var seconds = (long)Math.Ceiling(retryAfter.TotalSeconds);
            httpContext.Response.Headers.RetryAfter = Math.Max(1, seconds).ToString(CultureInfo.InvariantCulture);
            return ApiProblems.Problem(StatusCodes.Status429TooManyRequests, "finish-cooldown", "Finish cooling down", detail).ExecuteAsync(httpContext);
        }
    }
}
