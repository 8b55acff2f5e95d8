using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Truora.Api.Access;
using Truora.Api.Problems;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Api.Conversations;

public static class ConversationsEndpoints
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapConversations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/conversations").WithTags("Conversations").RequireAuthorization(AccessPolicies.TenantUser);
        group.MapGet("/", List).WithSummary("view=mine|unassigned|all (all: admins), status=open|closed or an exact status; newest activity first, paged.")
            .WithDescription("A page shows every change committed before it was asked for: a message moves its conversation's lastMessageAt at once.");
        group.MapGet("/{id}", Get).WithSummary("The conversation with its whole history, the flow transcript included, and the flow's variables.");
        group.MapPost("/{id}/messages", SendMessage).WithSummary("Send a WhatsApp message as the owner (or an admin); 409 outside the 24-hour window.");
        group.MapPost("/{id}/assign", Assign).WithSummary("Admins assign or transfer to anyone; agents claim an unassigned conversation of their groups.");
        group.MapPost("/{id}/close", Close).WithSummary("Close it in the agent panel; the user's flow goes on at the connect_agent block's next.");
        group.MapPost("/{id}/finish", Finish).WithSummary("End the user's whole process; per-caller cooldown 5, 10, 15, then 30 minutes (429 with Retry-After).");
        return app;
    }

    private static async Task<Results<Ok<ConversationPageView>, ValidationProblem, ProblemHttpResult>> List(
        ClaimsPrincipal user, IGrainFactory grains, string? view, string? status, string? limit, string? cursor)
    {
        var caller = user.ToCaller()!;
        var errors = new FieldErrors();
        var parsedView = view switch
        {
            null => caller.IsAdmin ? ConversationView.All : ConversationView.Mine,
            "mine" => ConversationView.Mine,
            "unassigned" => ConversationView.Unassigned,
            "all" => ConversationView.All,
            _ => Invalid(errors, "view", "Must be mine, unassigned or all."),
        };
        ConversationStatus[] statuses = status switch
        {
            null => [],
            "open" => [ConversationStatus.Waiting, ConversationStatus.Assigned],
            "closed" => [ConversationStatus.Closed, ConversationStatus.Finished],
            "waiting" => [ConversationStatus.Waiting],
            "assigned" => [ConversationStatus.Assigned],
            "finished" => [ConversationStatus.Finished],
            _ => Invalid<ConversationStatus[]>(errors, "status", "Must be open, closed, waiting, assigned or finished.", []),
        };
        var pageSize = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxLimit))
        {
            errors.Add("limit", $"Must be a whole number from 1 to {MaxLimit}.");
        }

        if (errors.Any)
        {
            return ApiProblems.Invalid(errors.ToDictionary());
        }

        if (parsedView is ConversationView.All && !caller.IsAdmin)
        {
            return ApiProblems.Forbidden("view=all is for admins.");
        }

        var page = await grains.Reference<IConversationListGrain>(caller.Tenant.Value)
            .ListAsync(new ConversationQuery(caller, parsedView, statuses, pageSize, cursor));
        if (page is null)
        {
            return ApiProblems.Invalid("cursor", "Is not a cursor this server gave out; pass the previous page's nextCursor.");
        }

        return TypedResults.Ok(new ConversationPageView([.. page.Items.Select(ConversationItemView.From)], page.NextCursor));
    }

    private static async Task<Results<Ok<ConversationDetailsView>, ProblemHttpResult>> Get(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        ConversationId.TryParse(id, out var conversation) && await Conversation(grains, user, conversation).GetAsync(user.ToCaller()!) is { } details
            ? TypedResults.Ok(ConversationDetailsView.From(details))
            : ApiProblems.NotFound("conversation", id);

    private static async Task<IResult> SendMessage(string id, MessageRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var text = request.Text;
        if (string.IsNullOrWhiteSpace(text) || text.Length > WhatsAppText.MaxLength)
        {
            return ApiProblems.Invalid("text", $"Must be 1 to {WhatsAppText.MaxLength} characters.");
        }

        if (!ConversationId.TryParse(id, out var conversation))
        {
            return ApiProblems.NotFound("conversation", id);
        }

        var reply = await Conversation(grains, user, conversation).SendAgentMessageAsync(user.ToCaller()!, text);
        return reply.Outcome is ConversationOutcome.Ok
            ? TypedResults.Accepted($"/v1/conversations/{id}", ConversationItemView.From(reply.Conversation!))
            : ConversationProblems.From(reply);
    }

    private static async Task<IResult> Assign(string id, AssignRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!AgentId.TryParse(request.AgentId, out var agent))
        {
            return ApiProblems.Invalid("agentId", $"Must be a member id matching {EntityId.Pattern}.");
        }

        return ConversationId.TryParse(id, out var conversation)
            ? ConversationProblems.OkOr(await Conversation(grains, user, conversation).AssignAsync(user.ToCaller()!, agent))
            : ApiProblems.NotFound("conversation", id);
    }

    private static async Task<IResult> Close(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        ConversationId.TryParse(id, out var conversation)
            ? ConversationProblems.OkOr(await Conversation(grains, user, conversation).CloseAsync(user.ToCaller()!))
            : ApiProblems.NotFound("conversation", id);

    private static async Task<IResult> Finish(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        ConversationId.TryParse(id, out var conversation)
            ? ConversationProblems.OkOr(await Conversation(grains, user, conversation).FinishAsync(user.ToCaller()!))
            : ApiProblems.NotFound("conversation", id);

    private static IConversationGrain Conversation(IGrainFactory grains, ClaimsPrincipal user, ConversationId id) =>
        grains.Reference<IConversationGrain>(EntityId.Key(user.ToCaller()!.Tenant, id.Value));

    private static ConversationView Invalid(FieldErrors errors, string field, string message) =>
        Invalid(errors, field, message, ConversationView.Mine);

    private static T Invalid<T>(FieldErrors errors, string field, string message, T fallback)
    {
        errors.Add(field, message);
        return fallback;
    }
}
