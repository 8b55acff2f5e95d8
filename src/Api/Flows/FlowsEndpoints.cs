using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Truora.Api.Access;
using Truora.Api.Problems;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Flows;
using Truora.Grains.Interfaces.Tenants;

namespace Truora.Api.Flows;

public static class FlowsEndpoints
{
    public static IEndpointRouteBuilder MapFlows(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/flows").WithTags("Flows").RequireAuthorization(AccessPolicies.Admin);
        group.MapPut("/{id}", Save).WithSummary("Create (201) or replace (200) a flow; each save is a new version. 400 names the block of each error.");
        group.MapGet("/", List);
        group.MapGet("/{id}", Get);
        group.MapDelete("/{id}", Delete).WithSummary("Delete a flow; users in the middle of it finish the version they started.");
        return app;
    }

    private static async Task<IResult> Save(string id, JsonElement body, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!EntityId.IsValid(id))
        {
            return ApiProblems.Invalid("id", $"Must match {EntityId.Pattern}.");
        }

        var saved = await Flow(grains, user, id).SaveAsync(body.GetRawText());
        if (saved.Flow is not { } flow)
        {
            return ApiProblems.Invalid(new Dictionary<string, string[]>(saved.Errors));
        }

        var view = View(flow);
        return saved.Created ? TypedResults.Created($"/v1/flows/{id}", view) : TypedResults.Ok(view);
    }

    private static async Task<Ok<JsonObject[]>> List(ClaimsPrincipal user, IGrainFactory grains)
    {
        var tenant = user.ToCaller()!.Tenant;
        var flows = await grains.ListAsync(tenant, TenantIndex.Flows, id => grains.Reference<IFlowGrain>(EntityId.Key(tenant, id)).GetAsync());
        return TypedResults.Ok(flows.Select(View).ToArray());
    }

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> Get(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        EntityId.IsValid(id) && await Flow(grains, user, id).GetAsync() is { } flow
            ? TypedResults.Ok(View(flow))
            : ApiProblems.NotFound("flow", id);

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        EntityId.IsValid(id) && await Flow(grains, user, id).DeleteAsync()
            ? TypedResults.NoContent()
            : ApiProblems.NotFound("flow", id);

    /// <summary>The flow as the client wrote it, with its id and version in front.</summary>
    private static JsonObject View(FlowVersion flow)
    {
        var view = new JsonObject { ["id"] = flow.FlowId, ["version"] = flow.Version };
        foreach (var (name, value) in JsonNode.Parse(flow.Json)!.AsObject().ToArray())
        {
            view[name] = value?.DeepClone();
        }

        return view;
    }

    private static IFlowGrain Flow(IGrainFactory grains, ClaimsPrincipal user, string id) =>
        grains.Reference<IFlowGrain>(EntityId.Key(user.ToCaller()!.Tenant, id));
}
