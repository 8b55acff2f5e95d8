using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Truora.Api.Access;
using Truora.Api.Problems;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Tenants;

namespace Truora.Api.Members;

public static class MembersEndpoints
{
    public static IEndpointRouteBuilder MapMembers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/members").WithTags("Members").RequireAuthorization(AccessPolicies.Admin);
        group.MapPost("/", Create).WithSummary("Create a member; its API key is returned once.");
        group.MapGet("/", List).WithSummary("Every member of the tenant.");
        group.MapGet("/{id}", Get);
        group.MapPatch("/{id}", Update).WithSummary("Change name, email, role or maxOpenConversations (null for no limit).");
        group.MapDelete("/{id}", Delete).WithSummary("Delete a member: its key stops working and its open conversations go back to routing.");
        group.MapPost("/{id}/keys", RotateKey).WithSummary("Issue a new API key; the old one stops working.");
        return app;
    }

    private static async Task<Results<Created<MemberCreated>, ValidationProblem, ProblemHttpResult>> Create(
        CreateMemberRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var id = errors.Id("id", request.Id);
        var name = errors.Name("name", request.Name);
        var email = errors.Email("email", request.Email);
        if (!MemberRoles.TryParse(request.Role, out var role))
        {
            errors.Add("role", "Must be admin or agent_role.");
        }

        if (errors.Any)
        {
            return ApiProblems.Invalid(errors.ToDictionary());
        }

        var key = await Member(grains, user, id!).CreateAsync(new NewMember(name!, email!, role));
        if (key is null)
        {
            return ApiProblems.Conflict($"A member with id '{id}' already exists.");
        }

        return TypedResults.Created($"/v1/members/{id}", new MemberCreated(id!, name!, email!, role, key));
    }

    private static async Task<Ok<MemberView[]>> List(ClaimsPrincipal user, IGrainFactory grains)
    {
        var tenant = user.ToCaller()!.Tenant;
        var members = await grains.ListAsync(tenant, TenantIndex.Members, id => grains.Reference<IMemberGrain>(EntityId.Key(tenant, id)).GetAsync());
        return TypedResults.Ok(members.Select(MemberView.From).ToArray());
    }

    private static async Task<Results<Ok<MemberView>, ProblemHttpResult>> Get(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        EntityId.IsValid(id) && await Member(grains, user, id).GetAsync() is { } member
            ? TypedResults.Ok(MemberView.From(member))
            : ApiProblems.NotFound("member", id);

    private static async Task<Results<Ok<MemberView>, ValidationProblem, ProblemHttpResult>> Update(
        string id, JsonElement body, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!EntityId.IsValid(id))
        {
            return ApiProblems.NotFound("member", id);
        }

        var (patch, errors) = ReadPatch(body);
        if (errors.Any)
        {
            return ApiProblems.Invalid(errors.ToDictionary());
        }

        return await Member(grains, user, id).UpdateAsync(patch) is { } member
            ? TypedResults.Ok(MemberView.From(member))
            : ApiProblems.NotFound("member", id);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        EntityId.IsValid(id) && await Member(grains, user, id).DeleteAsync()
            ? TypedResults.NoContent()
            : ApiProblems.NotFound("member", id);

    private static async Task<Results<Created<MemberKeyIssued>, ProblemHttpResult>> RotateKey(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        EntityId.IsValid(id) && await Member(grains, user, id).RotateKeyAsync() is { } key
            ? TypedResults.Created($"/v1/members/{id}", new MemberKeyIssued(id, key))
            : ApiProblems.NotFound("member", id);

    private static IMemberGrain Member(IGrainFactory grains, ClaimsPrincipal user, string id) =>
        grains.Reference<IMemberGrain>(EntityId.Key(user.ToCaller()!.Tenant, id));

    /// <summary>
    /// PATCH reads the raw JSON: "maxOpenConversations": null (no limit) must differ from leaving it out.
    /// </summary>
    private static (MemberPatch Patch, FieldErrors Errors) ReadPatch(JsonElement body)
    {
        var errors = new FieldErrors();
        if (body.ValueKind is not JsonValueKind.Object)
        {
            errors.Add("body", "Must be a JSON object.");
            return (new MemberPatch(), errors);
        }

        string? name = null, email = null;
        MemberRole? role = null;
        var setsCapacity = false;
        int? capacity = null;
        foreach (var field in body.EnumerateObject())
        {
            switch (field.Name)
            {
                case "name":
                    name = errors.Name("name", StringOrError(field, errors));
                    break;
                case "email":
                    email = errors.Email("email", StringOrError(field, errors));
                    break;
                case "role":
                    if (MemberRoles.TryParse(StringOrError(field, errors), out var parsed))
                    {
                        role = parsed;
                    }
                    else
                    {
                        errors.Add("role", "Must be admin or agent_role.");
                    }

                    break;
                case "maxOpenConversations":
                    setsCapacity = true;
                    if (field.Value.ValueKind is JsonValueKind.Number && field.Value.TryGetInt32(out var limit) && limit > 0)
                    {
                        capacity = limit;
                    }
                    else if (field.Value.ValueKind is not JsonValueKind.Null)
                    {
                        errors.Add("maxOpenConversations", "Must be a positive integer, or null for no limit.");
                    }

                    break;
                default:
                    errors.Add(field.Name, "Is not a member field (name, email, role, maxOpenConversations).");
                    break;
            }
        }

        return (new MemberPatch(name, email, role, setsCapacity, capacity), errors);
    }

    private static string? StringOrError(JsonProperty field, FieldErrors errors)
    {
        if (field.Value.ValueKind is JsonValueKind.String)
        {
            return field.Value.GetString();
        }

        errors.Add(field.Name, "Must be a string.");
        return null;
    }
}
