namespace Truora.Api.Tests.Access;

/// <summary>Who calls a route in the access matrix.</summary>
public enum CallerKind
{
    NoKey,
    BadKey,
    Operator,
    TenantAdminKey,
    AdminMember,
    Agent,
    OtherTenantAdmin,
}

/// <summary>
/// Every route of the API with the status each kind of caller must get. New routes join this table;
/// <c>{member}</c> is a fresh member of the route owner's tenant.
/// </summary>
public static class ApiRoutes
{
    public static readonly IReadOnlyList<RouteCase> All =
    [
        new("POST", "/v1/tenants", () => new { id = FreshId("t"), name = "New", timeZone = "Europe/Madrid" },
            Expect(noKey: 401, badKey: 401, op: 201, admin: 403, adminMember: 403, agent: 403, otherAdmin: 403)),
        new("POST", "/v1/tenants/{tenant}/admin-key", null,
            Expect(noKey: 401, badKey: 401, op: 201, admin: 403, adminMember: 403, agent: 403, otherAdmin: 403)),
        new("POST", "/v1/members", () => new { id = FreshId("m"), name = "New", email = "new@example.com", role = "agent_role" },
            Expect(noKey: 401, badKey: 401, op: 403, admin: 201, adminMember: 201, agent: 403, otherAdmin: 201)),
        new("GET", "/v1/members", null,
            Expect(noKey: 401, badKey: 401, op: 403, admin: 200, adminMember: 200, agent: 403, otherAdmin: 200)),
        new("GET", "/v1/members/{member}", null,
            Expect(noKey: 401, badKey: 401, op: 403, admin: 200, adminMember: 200, agent: 403, otherAdmin: 404)),
        new("PATCH", "/v1/members/{member}", () => new { name = "Renamed", maxOpenConversations = 2 },
            Expect(noKey: 401, badKey: 401, op: 403, admin: 200, adminMember: 200, agent: 403, otherAdmin: 404)),
        new("DELETE", "/v1/members/{member}", null,
            Expect(noKey: 401, badKey: 401, op: 403, admin: 204, adminMember: 204, agent: 403, otherAdmin: 404)),
        new("POST", "/v1/members/{member}/keys", null,
            Expect(noKey: 401, badKey: 401, op: 403, admin: 201, adminMember: 201, agent: 403, otherAdmin: 404)),
        new("GET", "/v1/me", null,
            Expect(noKey: 401, badKey: 401, op: 403, admin: 403, adminMember: 200, agent: 200, otherAdmin: 403)),
        new("PUT", "/v1/me/status", () => new { status = "available" },
            Expect(noKey: 401, badKey: 401, op: 403, admin: 403, adminMember: 200, agent: 200, otherAdmin: 403)),
        new("PUT", "/v1/me/notification-settings", () => new { notifications = true, sound = false },
            Expect(noKey: 401, badKey: 401, op: 403, admin: 403, adminMember: 200, agent: 200, otherAdmin: 403)),
        new("POST", "/v1/groups", () => new { name = "Support", memberIds = Array.Empty<string>() },
            Expect(noKey: 401, badKey: 401, op: 403, admin: 201, adminMember: 201, agent: 403, otherAdmin: 201)),
        new("GET", "/v1/groups", null,
            Expect(noKey: 401, badKey: 401, op: 403, admin: 200, adminMember: 200, agent: 403, otherAdmin: 200)),
        new("GET", "/v1/groups/{group}", null,
            Expect(noKey: 401, badKey: 401, op: 403, admin: 200, adminMember: 200, agent: 403, otherAdmin: 404)),
        new("PUT", "/v1/groups/{group}", () => new { name = "Renamed", memberIds = Array.Empty<string>() },
            Expect(noKey: 401, badKey: 401, op: 403, admin: 200, adminMember: 200, agent: 403, otherAdmin: 404)),
        new("DELETE", "/v1/groups/{group}", null,
            Expect(noKey: 401, badKey: 401, op: 403, admin: 204, adminMember: 204, agent: 403, otherAdmin: 404)),
        new("GET", "/v1/conversations", null,
            Expect(noKey: 401, badKey: 401, op: 403, admin: 200, adminMember: 200, agent: 200, otherAdmin: 200)),
        new("GET", "/v1/conversations?view=all", null,
            Expect(noKey: 401, badKey: 401, op: 403, admin: 200, adminMember: 200, agent: 403, otherAdmin: 200)),
        new("GET", "/v1/conversations/c0123456789abcdef0123456789abcdef", null,
            Expect(noKey: 401, badKey: 401, op: 403, admin: 404, adminMember: 404, agent: 404, otherAdmin: 404)),
        new("POST", "/v1/conversations/c0123456789abcdef0123456789abcdef/messages", () => new { text = "hi" },
            Expect(noKey: 401, badKey: 401, op: 403, admin: 404, adminMember: 404, agent: 404, otherAdmin: 404)),
        new("POST", "/v1/conversations/c0123456789abcdef0123456789abcdef/close", null,
            Expect(noKey: 401, badKey: 401, op: 403, admin: 404, adminMember: 404, agent: 404, otherAdmin: 404)),
        new("PUT", "/v1/flows/{fresh}", () => new { name = "Hello", start = "hi", blocks = new[] { new { id = "hi", type = "message", text = "Hi", next = (string?)null } } },
            Expect(noKey: 401, badKey: 401, op: 403, admin: 201, adminMember: 201, agent: 403, otherAdmin: 201)),
        new("GET", "/v1/flows", null,
            Expect(noKey: 401, badKey: 401, op: 403, admin: 200, adminMember: 200, agent: 403, otherAdmin: 200)),
        new("PUT", "/v1/templates/{fresh}", () => new { language = "es", body = "Hola {{1}}", approved = true },
            Expect(noKey: 401, badKey: 401, op: 403, admin: 201, adminMember: 201, agent: 403, otherAdmin: 201)),
        new("GET", "/v1/templates", null,
            Expect(noKey: 401, badKey: 401, op: 403, admin: 200, adminMember: 200, agent: 403, otherAdmin: 200)),
        new("GET", "/v1/channels/whatsapp", null,
            Expect(noKey: 401, badKey: 401, op: 403, admin: 404, adminMember: 404, agent: 403, otherAdmin: 404)),
        new("POST", "/v1/contacts/+573001234567/outbound", () => new { template = "missing", language = "es", parameters = Array.Empty<string>() },
            Expect(noKey: 401, badKey: 401, op: 403, admin: 400, adminMember: 400, agent: 400, otherAdmin: 400)),
        new("GET", "/v1/webhooks/whatsapp/{tenant}?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1", null,
            Expect(noKey: 404, badKey: 404, op: 404, admin: 404, adminMember: 404, agent: 404, otherAdmin: 404)),
        new("GET", "/metrics", null,
            Expect(noKey: 401, badKey: 401, op: 200, admin: 403, adminMember: 403, agent: 403, otherAdmin: 403)),
        new("GET", "/health/live", null,
            Expect(noKey: 200, badKey: 200, op: 200, admin: 200, adminMember: 200, agent: 200, otherAdmin: 200)),
        new("GET", "/health/ready", null,
            Expect(noKey: 200, badKey: 200, op: 200, admin: 200, adminMember: 200, agent: 200, otherAdmin: 200)),
    ];

    public static RouteCase Find(string name) => All.Single(route => route.Name == name);

    private static string FreshId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private static Dictionary<CallerKind, int> Expect(int noKey, int badKey, int op, int admin, int adminMember, int agent, int otherAdmin) => new()
    {
        [CallerKind.NoKey] = noKey,
        [CallerKind.BadKey] = badKey,
        [CallerKind.Operator] = op,
        [CallerKind.TenantAdminKey] = admin,
        [CallerKind.AdminMember] = adminMember,
        [CallerKind.Agent] = agent,
        [CallerKind.OtherTenantAdmin] = otherAdmin,
    };
}

public sealed record RouteCase(string Method, string Path, Func<object>? Body, IReadOnlyDictionary<CallerKind, int> Expected)
{
    public string Name => $"{Method} {Path}";
}
