using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scalar.AspNetCore;
using Truora.Api.Access;
using Truora.Api.AgentConsole;
using Truora.Api.Contacts;
using Truora.Api.Conversations;
using Truora.Api.Events;
using Truora.Api.Flows;
using Truora.Api.Members;
using Truora.Api.Operations;
using Truora.Api.Problems;
using Truora.Api.Routing;
using Truora.Api.Templates;
using Truora.Api.Tenants;
using Truora.Api.WhatsApp;
using Truora.Grains.Interfaces.Access;

namespace Truora.Api;

/// <summary>The HTTP surface: thin endpoints that translate HTTP to grain calls.</summary>
public static class TruoraApi
{
    /// <summary>The most bytes of any request body.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static IServiceCollection AddTruoraApi(this IServiceCollection services)
    {
        services.AddOptions<EventStreamOptions>().BindConfiguration(EventStreamOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AccessPolicies.Operator, policy => policy.RequireRole(AccessClaims.OperatorRole))
            .AddPolicy(AccessPolicies.Admin, policy => policy.RequireRole(AccessClaims.AdminRole))
            .AddPolicy(AccessPolicies.Member, policy => policy.RequireClaim(AccessClaims.Member))
            .AddPolicy(AccessPolicies.TenantUser, policy => policy.RequireClaim(AccessClaims.Tenant));

        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
            options.SerializerOptions.Converters.Add(new UtcTimeJsonConverter());
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        // No request body beyond 1 MiB: the webhook's limit, and far above any flow (256 KiB) or message.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = MaxBodyBytes);
        // Malformed bodies throw, so the exception handler can answer with a problem that says what was wrong.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (context.Exception is BadHttpRequestException bad)
            {
                context.ProblemDetails.Status = bad.StatusCode;
                context.ProblemDetails.Title = "Bad request";
                context.ProblemDetails.Detail = bad.InnerException is JsonException json
                    ? $"The body is not valid JSON for this route: {json.Message}"
                    : bad.Message;
                context.HttpContext.Response.StatusCode = bad.StatusCode;
            }

            // Kestrel's body limit: raised by a read (an exception) or met before any (a status code alone).
            if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge)
            {
                context.ProblemDetails.Title = "Payload too large";
                context.ProblemDetails.Detail = $"A request body may be at most {MaxBodyBytes} bytes.";
                context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { ["body"] = [$"Must be at most {MaxBodyBytes} bytes."] };
            }

            context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
            {
                StatusCodes.Status401Unauthorized => "A valid key is required: Authorization: Bearer <key>.",
                StatusCodes.Status403Forbidden => "This key may not do this: its role does not allow it, or the route needs a member key.",
                StatusCodes.Status404NotFound => "There is no such resource or route.",
                StatusCodes.Status405MethodNotAllowed => "This route does not take that method.",
                StatusCodes.Status415UnsupportedMediaType => "The body must be application/json.",
                >= 500 => "The server failed to handle the request; it has been logged.",
                _ => null,
            };
        });
        services.AddExceptionHandler<TransientFailureHandler>();
        services.AddKeyRateLimits();
        // Keys are bearer secrets checked against hashes; nothing is protected with Data Protection,
        // so its key ring stays in memory instead of writing unencrypted files under the user profile.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddOpenApi(options => options.AddTruoraConventions());
        return services;
    }

    public static WebApplication UseTruoraApi(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            // A body that is malformed, or that a client stopped sending halfway, is the client's error and gets its
            // 4xx problem: no server error in the log (with its stack) nor in the request metric's error.type. An
            // outage's 503 logs its own warning line.
            SuppressDiagnosticsCallback = context =>
                context.Exception is BadHttpRequestException || context.ExceptionHandledBy is ExceptionHandledType.ExceptionHandlerService,
        });
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        // Every grain call of a tenant's request carries that tenant; tenant-owned grains refuse any other.
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Truora.Api");
        app.Use(async (context, next) =>
        {
            if (context.User.ToCaller() is not { } caller)
            {
                await next(context);
                return;
            }

            TenantContext.Enter(caller.Tenant);
            using (logger.BeginScope(new KeyValuePair<string, object?>[] { new("TenantId", caller.Tenant.Value), new("MemberId", caller.MemberId) }))
            {
                await next(context);
            }
        });

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/docs", options => options.WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
        app.MapOperations();
        app.MapTenants();
        app.MapMembers();
        app.MapMe();
        app.MapEventStream();
        app.MapGroups();
        app.MapConversations();
        app.MapFlows();
        app.MapTemplates();
        app.MapContacts();
        app.MapWhatsApp();
        app.MapConsole();
        return app;
    }
}
