using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Truora.Api.Access;
using Truora.Api.Problems;
using Truora.Api.WhatsApp;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Contacts;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Templates;

namespace Truora.Api.Contacts;

public static class ContactsEndpoints
{
    private const int MaxParameterLength = 1024;

    public static IEndpointRouteBuilder MapContacts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/contacts").WithTags("Contacts").RequireAuthorization(AccessPolicies.TenantUser);
        group.MapPost("/{phone}/outbound", SendTemplate)
            .WithSummary("Send an approved template (202). After a finish, the user's reply opens a new conversation owned by the sender.");
        return app;
    }

    private static async Task<IResult> SendTemplate(string phone, OutboundRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        if (!PhoneNumbers.TryNormalize(phone, out var contact))
        {
            errors.Add("phone", "Must be a WhatsApp number: digits, with or without a leading +.");
        }

        errors.Id("template", request.Template);
        if (string.IsNullOrWhiteSpace(request.Language))
        {
            errors.Add("language", "Is required.");
        }

        var parameters = request.Parameters ?? [];
        if (parameters.Any(parameter => parameter is null || parameter.Length > MaxParameterLength))
        {
            errors.Add("parameters", $"Must be strings of at most {MaxParameterLength} characters.");
        }

        if (errors.Any)
        {
            return ApiProblems.Invalid(errors.ToDictionary());
        }

        var caller = user.ToCaller()!;
        var values = parameters.OfType<string>().ToArray();
        var rendering = await grains.Reference<ITemplateGrain>(EntityId.Key(caller.Tenant, request.Template!)).RenderAsync(request.Language!, values);
        if (rendering.Text is not { } text)
        {
            return ApiProblems.Invalid(rendering.Field!, rendering.Error!);
        }

        var sender = caller.MemberId is { } member ? AgentId.Parse(member) : (AgentId?)null;
        await grains.Reference<IContactOutboxGrain>(EntityId.Key(caller.Tenant, contact.Value))
            .SendTemplateAsync(new OutboundTemplate(request.Template!, request.Language!, values, text), sender);
        return TypedResults.Accepted($"/v1/contacts/{contact.Value}", new OutboundAccepted(contact.Value, request.Template!, text));
    }
}

public sealed record OutboundRequest(string? Template, string? Language, string?[]? Parameters);

public sealed record OutboundAccepted(string Phone, string Template, string Text);
