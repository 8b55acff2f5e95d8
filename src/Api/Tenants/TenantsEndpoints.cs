using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Truora.Api.Access;
using Truora.Api.Problems;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Access;
using Truora.Grains.Interfaces.Tenants;

namespace Truora.Api.Tenants;

public static class TenantsEndpoints
{
    public static IEndpointRouteBuilder MapTenants(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/tenants").WithTags("Tenants").RequireAuthorization(AccessPolicies.Operator);
        group.MapPost("/", Create).WithSummary("Create a tenant; its admin key is returned once.");
        group.MapPost("/{id}/admin-key", RotateAdminKey).WithSummary("Issue a new tenant admin key (returned once); the previous one stops at once.");
        return app;
    }

    private static async Task<Results<Created<AdminKeyIssued>, ProblemHttpResult>> RotateAdminKey(string id, IGrainFactory grains)
    {
        if (!TenantId.TryParse(id, out var tenant))
        {
            return ApiProblems.NotFound("tenant", id);
        }

        TenantContext.Enter(tenant);
        return await grains.Reference<ITenantGrain>(tenant.Value).RotateAdminKeyAsync() is { } adminKey
            ? TypedResults.Created($"/v1/tenants/{tenant}", new AdminKeyIssued(adminKey))
            : ApiProblems.NotFound("tenant", id);
    }

    private static async Task<Results<Created<TenantCreated>, ValidationProblem, ProblemHttpResult>> Create(
        CreateTenantRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var id = errors.Id("id", request.Id);
        var name = errors.Name("name", request.Name);
        if (request.TimeZone is null || !TimeZoneInfo.TryFindSystemTimeZoneById(request.TimeZone, out var zone) || !zone.HasIanaId)
        {
            errors.Add("timeZone", "Must be an IANA time zone such as America/Bogota.");
        }

        if (errors.Any)
        {
            return ApiProblems.Invalid(errors.ToDictionary());
        }

        var tenant = TenantId.Parse(id!);
        TenantContext.Enter(tenant);
        var adminKey = await grains.Reference<ITenantGrain>(tenant.Value).CreateAsync(name!, request.TimeZone!);
        if (adminKey is null)
        {
            return ApiProblems.Conflict($"A tenant with id '{tenant}' already exists.");
        }

        return TypedResults.Created($"/v1/tenants/{tenant}", new TenantCreated(tenant.Value, name!, request.TimeZone!, adminKey));
    }
}

public sealed record CreateTenantRequest(string? Id, string? Name, string? TimeZone);

public sealed record TenantCreated(string Id, string Name, string TimeZone, string AdminKey);

public sealed record AdminKeyIssued(string AdminKey);
