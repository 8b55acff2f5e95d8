using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Access;

namespace Truora.Api.Access;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c>: the operator key from configuration, or a tenant key looked up
/// by its hash in the key directory, if it has the shape of one. Nothing is cached, so a revoked key stops working
/// at once.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IGrainFactory grains,
    IOptions<AccessOptions> access) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    private const string Prefix = "Bearer ";
    private const int MaxKeyLength = 512;

    private readonly byte[] operatorKeyHash = SHA256.HashData(Encoding.UTF8.GetBytes(access.Value.OperatorKey));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var key = header.AsSpan(Prefix.Length).Trim();
        if (key.IsEmpty || key.Length > MaxKeyLength)
        {
            return AuthenticateResult.Fail("The bearer key is empty or too long.");
        }

        var keyText = key.ToString();
        if (IsOperatorKey(keyText))
        {
            return Success(AccessClaims.ForOperator(SchemeName));
        }

        if (!ApiKeyFormat.IsWellFormed(key))
        {
            // Not a key we could have issued: refused without a grain activation or a storage read.
            return AuthenticateResult.Fail("Unknown key.");
        }

        var keyHash = ApiKeyHash.Of(keyText);
        var caller = await grains.Reference<IApiKeyGrain>(keyHash).ResolveAsync();
        return caller is null
            ? AuthenticateResult.Fail("Unknown key.")
            : Success(AccessClaims.ForCaller(caller, keyHash, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = SchemeName;
        return base.HandleChallengeAsync(properties);
    }

    private bool IsOperatorKey(string key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return CryptographicOperations.FixedTimeEquals(hash, operatorKeyHash);
    }

    private AuthenticateResult Success(System.Security.Claims.ClaimsPrincipal principal) =>
        AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
}
