using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Truora.Api.Access;
using Truora.Api.Problems;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Members;

namespace Truora.Api.Members;

/// <summary>The agent itself: routes that need a member key (the tenant admin key is no member: 403).</summary>
public static class MeEndpoints
{
    public static IEndpointRouteBuilder MapMe(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/me").WithTags("Me").RequireAuthorization(AccessPolicies.Member);
        group.MapGet("/", Get);
        group.MapPut("/status", SetStatus).WithSummary("available or unavailable: whether the available rotation hands you chats.");
        group.MapPut("/notification-settings", SetNotificationSettings);
        return app;
    }

    private static async Task<Results<Ok<MeView>, ProblemHttpResult>> Get(ClaimsPrincipal user, IGrainFactory grains) =>
        await Me(grains, user).GetAsync() is { } member ? TypedResults.Ok(MeView.From(member)) : MemberGone();

    private static async Task<Results<Ok<MeView>, ValidationProblem, ProblemHttpResult>> SetStatus(
        StatusRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!MemberRoles.TryParseStatus(request.Status, out var status))
        {
            return ApiProblems.Invalid("status", "Must be available or unavailable.");
        }

        return await Me(grains, user).SetStatusAsync(status) is { } member ? TypedResults.Ok(MeView.From(member)) : MemberGone();
    }

    private static async Task<Results<Ok<MeView>, ValidationProblem, ProblemHttpResult>> SetNotificationSettings(
        NotificationSettingsRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        if (request.Notifications is null)
        {
            errors.Add("notifications", "Is required: true or false.");
        }

        if (request.Sound is null)
        {
            errors.Add("sound", "Is required: true or false.");
        }

        if (errors.Any)
        {
            return ApiProblems.Invalid(errors.ToDictionary());
        }

        var settings = new NotificationSettings(request.Notifications!.Value, request.Sound!.Value);
        return await Me(grains, user).SetNotificationSettingsAsync(settings) is { } member ? TypedResults.Ok(MeView.From(member)) : MemberGone();
    }

    private static IMemberGrain Me(IGrainFactory grains, ClaimsPrincipal user)
    {
        var caller = user.ToCaller()!;
        return grains.Reference<IMemberGrain>(EntityId.Key(caller.Tenant, caller.MemberId!));
    }

    // A key outlives its member only by the instant of a concurrent delete; then the member is gone.
    private static ProblemHttpResult MemberGone() => ApiProblems.NotFound("member", "me");
}

public sealed record MeView(string Id, string Name, MemberRole Role, AgentStatus Status, bool Notifications, bool Sound, IReadOnlyList<string> Groups)
{
    public static MeView From(MemberDetails member) => new(
        member.Id, member.Name, member.Role, member.Status, member.Settings.Notifications, member.Settings.Sound, member.GroupIds);
}

public sealed record StatusRequest(string? Status);

public sealed record NotificationSettingsRequest(bool? Notifications, bool? Sound);
