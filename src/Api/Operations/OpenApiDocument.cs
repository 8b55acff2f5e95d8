using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Truora.Api.Operations;

/// <summary>The OpenAPI document's shared parts: the bearer scheme, and problem+json for every error.</summary>
public static class OpenApiDocument
{
    public const string BearerScheme = "Bearer";

    public static OpenApiOptions AddTruoraConventions(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Truora.Orleans";
            document.Info.Description = "Conversation routing for WhatsApp flows: hand-off to agents, rotation, the agent suite. " +
                "Every error is application/problem+json (RFC 9457) with status, title and detail; validation errors add errors by field.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The operator key, a tenant admin key, or a member key.",
            };
            // The scrape endpoint comes from the Prometheus exporter, which publishes no metadata of its own.
            document.Paths["/metrics"] = new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation>
                {
                    [HttpMethod.Get] = new()
                    {
                        Summary = "Prometheus text format: requests, grain calls, hand-offs, queue depth, WhatsApp traffic.",
                        Tags = new HashSet<OpenApiTagReference> { new("Operations", document) },
                        Responses = new OpenApiResponses
                        {
                            ["200"] = new OpenApiResponse
                            {
                                Description = "The current metrics.",
                                Content = new Dictionary<string, OpenApiMediaType> { ["text/plain"] = new() },
                            },
                        },
                    },
                },
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var secured = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
            if (secured)
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
            }

            operation.Responses ??= new OpenApiResponses();
            foreach (var (status, meaning) in Problems)
            {
                if (!secured && status is "401" or "403" or "429")
                {
                    continue;
                }

                if (!operation.Responses.ContainsKey(status))
                {
                    operation.Responses[status] = new OpenApiResponse
                    {
                        Description = meaning,
                        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() },
                    };
                }
            }

            return Task.CompletedTask;
        });
        return options;
    }

    private static readonly (string Status, string Meaning)[] Problems =
    [
        ("400", "Invalid input: a problem naming the fields in errors."),
        ("401", "A missing or unknown key."),
        ("403", "The key's role may not do this."),
        ("404", "Not found, or in another tenant."),
        ("429", "This key's requests came faster than its rate allows; retry after Retry-After seconds."),
        ("503", "Storage or part of the cluster cannot be reached right now; the request may not have taken effect: retry after Retry-After seconds."),
    ];
}
