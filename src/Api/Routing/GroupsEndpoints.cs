using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Truora.Api.Access;
using Truora.Api.Problems;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Interfaces.Tenants;

namespace Truora.Api.Routing;

public static class GroupsEndpoints
{
    public static IEndpointRouteBuilder MapGroups(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/groups").WithTags("Groups").RequireAuthorization(AccessPolicies.Admin);
        group.MapPost("/", Create).WithSummary("Create an agent group; the id is optional (the server makes one).");
        group.MapGet("/", List);
        group.MapGet("/{id}", Get);
        group.MapPut("/{id}", Update).WithSummary("Rename the group and set its members (in rotation order).");
        group.MapDelete("/{id}", Delete).WithSummary("Delete the group; conversations waiting in it stay visible to admins as unassigned.");
        return app;
    }

    private static async Task<Results<Created<GroupView>, ValidationProblem, ProblemHttpResult>> Create(
        GroupRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var id = request.Id is null ? "g-" + Guid.CreateVersion7().ToString("N")[..16] : errors.Id("id", request.Id);
        var name = errors.Name("name", request.Name);
        var members = MemberIds(request.MemberIds, errors);
        if (errors.Any)
        {
            return ApiProblems.Invalid(errors.ToDictionary());
        }

        var change = await Group(grains, user, id!).CreateAsync(name!, members);
        return change switch
        {
            { Group: { } created } => TypedResults.Created($"/v1/groups/{id}", GroupView.From(created)),
            { UnknownMemberIds.Count: > 0 } => UnknownMembers(change),
            _ => ApiProblems.Conflict($"A group with id '{id}' already exists."),
        };
    }

    private static async Task<Ok<GroupView[]>> List(ClaimsPrincipal user, IGrainFactory grains)
    {
        var tenant = user.ToCaller()!.Tenant;
        var groups = await grains.ListAsync(tenant, TenantIndex.Groups, id => grains.Reference<IGroupGrain>(EntityId.Key(tenant, id)).GetAsync());
        return TypedResults.Ok(groups.Select(GroupView.From).ToArray());
    }

    private static async Task<Results<Ok<GroupView>, ProblemHttpResult>> Get(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        EntityId.IsValid(id) && await Group(grains, user, id).GetAsync() is { } group
            ? TypedResults.Ok(GroupView.From(group))
            : ApiProblems.NotFound("group", id);

    private static async Task<Results<Ok<GroupView>, ValidationProblem, ProblemHttpResult>> Update(
        string id, GroupRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!EntityId.IsValid(id))
        {
            return ApiProblems.NotFound("group", id);
        }

        var errors = new FieldErrors();
        if (request.Id is not null && request.Id != id)
        {
            errors.Add("id", "Must match the id in the route, or be left out.");
        }

        var name = errors.Name("name", request.Name);
        var members = MemberIds(request.MemberIds, errors);
        if (errors.Any)
        {
            return ApiProblems.Invalid(errors.ToDictionary());
        }

        var change = await Group(grains, user, id).UpdateAsync(name!, members);
        return change switch
        {
            { Group: { } updated } => TypedResults.Ok(GroupView.From(updated)),
            { UnknownMemberIds.Count: > 0 } => UnknownMembers(change),
            _ => ApiProblems.NotFound("group", id),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        EntityId.IsValid(id) && await Group(grains, user, id).DeleteAsync()
            ? TypedResults.NoContent()
            : ApiProblems.NotFound("group", id);

    private static ValidationProblem UnknownMembers(GroupChange change) =>
        ApiProblems.Invalid("memberIds", $"Not members of this tenant: {string.Join(", ", change.UnknownMemberIds)}.");

    private static string[] MemberIds(string?[]? memberIds, FieldErrors errors)
    {
        if (memberIds is null)
        {
            errors.Add("memberIds", "Is required: an array of member ids (it may be empty).");
            return [];
        }

        if (memberIds.Length > 1000 || memberIds.Any(member => !EntityId.IsValid(member)))
        {
            errors.Add("memberIds", $"Must be at most 1000 member ids, each matching {EntityId.Pattern}.");
        }

        return [.. memberIds.OfType<string>()];
    }

    private static IGroupGrain Group(IGrainFactory grains, ClaimsPrincipal user, string id) =>
        grains.Reference<IGroupGrain>(EntityId.Key(user.ToCaller()!.Tenant, id));
}

public sealed record GroupRequest(string? Id, string? Name, string?[]? MemberIds);

public sealed record GroupView(string Id, string Name, IReadOnlyList<string> MemberIds)
{
    public static GroupView From(GroupDetails group) => new(group.Id, group.Name, group.MemberIds);
}
