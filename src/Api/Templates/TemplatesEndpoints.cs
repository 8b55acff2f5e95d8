using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Truora.Api.Access;
using Truora.Api.Problems;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Templates;
using Truora.Grains.Interfaces.Tenants;

namespace Truora.Api.Templates;

public static class TemplatesEndpoints
{
    private const int MaxBodyLength = 1024;

    public static IEndpointRouteBuilder MapTemplates(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/templates").WithTags("Templates").RequireAuthorization(AccessPolicies.Admin);
        group.MapPut("/{name}", Put).WithSummary("Create (201) or replace (200) an outbound template; the body uses {{1}}, {{2}}… placeholders.");
        group.MapGet("/", List);
        group.MapGet("/{name}", Get);
        return app;
    }

    private static async Task<IResult> Put(string name, TemplateRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        errors.Id("name", name);
        if (request.Language is not { Length: >= 2 and <= 16 } language || !language.All(c => char.IsAsciiLetter(c) || c == '_'))
        {
            errors.Add("language", "Must be a WhatsApp language code such as es or en_US.");
        }

        if (string.IsNullOrWhiteSpace(request.Body) || request.Body.Length > MaxBodyLength)
        {
            errors.Add("body", $"Must be 1 to {MaxBodyLength} characters.");
        }

        if (request.Approved is null)
        {
            errors.Add("approved", "Is required: true or false.");
        }

        if (errors.Any)
        {
            return ApiProblems.Invalid(errors.ToDictionary());
        }

        var template = new TemplateDetails(name, request.Language!, request.Body!, request.Approved!.Value);
        var created = await grains.Reference<ITemplateGrain>(EntityId.Key(user.ToCaller()!.Tenant, name)).PutAsync(template);
        return created ? TypedResults.Created($"/v1/templates/{name}", template) : TypedResults.Ok(template);
    }

    private static async Task<Ok<TemplateDetails[]>> List(ClaimsPrincipal user, IGrainFactory grains)
    {
        var tenant = user.ToCaller()!.Tenant;
        return TypedResults.Ok(await grains.ListAsync(tenant, TenantIndex.Templates, name => grains.Reference<ITemplateGrain>(EntityId.Key(tenant, name)).GetAsync()));
    }

    private static async Task<Results<Ok<TemplateDetails>, ProblemHttpResult>> Get(string name, ClaimsPrincipal user, IGrainFactory grains) =>
        EntityId.IsValid(name) && await grains.Reference<ITemplateGrain>(EntityId.Key(user.ToCaller()!.Tenant, name)).GetAsync() is { } template
            ? TypedResults.Ok(template)
            : ApiProblems.NotFound("template", name);
}

public sealed record TemplateRequest(string? Language, string? Body, bool? Approved);
