using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.FileProviders;
using Truora.Api.Problems;

namespace Truora.Api.AgentConsole;

/// <summary>
/// The agent console at <c>/console/</c>: static HTML, CSS and ES modules embedded in this assembly (no build
/// step). The page holds no data, so it is served without a key; everything it shows comes from the public API,
/// called with the member key the user types in.
/// </summary>
public static class ConsoleEndpoints
{
    private const string Root = "AgentConsole/wwwroot";
    private const string Index = "index.html";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".json"] = "application/json; charset=utf-8",
    };

    // Only the page's own files: API calls go to the same origin; nothing is inlined or framed.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        // Built here, not on first request: a build without the embedded manifest fails at start-up.
        var files = new ManifestEmbeddedFileProvider(typeof(ConsoleEndpoints).Assembly, Root);
        // One catch-all route: it also matches "/console" (empty path), which is redirected to "/console/"
        // so the page's relative module URLs resolve under /console/.
        app.MapGet("/console/{**path}", (HttpContext http, string? path) => Serve(files, http, path))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static IResult Serve(IFileProvider files, HttpContext http, string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            if (http.Request.Path.Value?.EndsWith('/') != true)
            {
                return TypedResults.Redirect($"{http.Request.PathBase}/console/{http.Request.QueryString}");
            }

            path = Index;
        }

        var file = files.GetFileInfo(path);
        if (!ContentTypes.TryGetValue(Path.GetExtension(path), out var contentType) || !file.Exists || file.IsDirectory)
        {
            return ApiProblems.NotFound("console file", path);
        }

        var headers = http.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        if (contentType.StartsWith("text/html", StringComparison.Ordinal))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers["Referrer-Policy"] = "no-referrer";
        }

        return TypedResults.Stream(file.CreateReadStream(), contentType, lastModified: file.LastModified);
    }
}
