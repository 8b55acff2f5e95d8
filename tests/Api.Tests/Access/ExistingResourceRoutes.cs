namespace Truora.Api.Tests.Access;

/// <summary>
/// Every route that reads or changes a tenant's resource by its id, called on one that exists by a caller without
/// the right to it. Another tenant's admin finds nothing (404), and what it creates under a taken id is its own (201,
/// never a 409 that would tell the id is taken elsewhere); an agent finds no conversation another agent owns (404),
/// may not claim it (409) nor assign it to someone else (403). A new route joins this table with one line per caller.
/// </summary>
public static class ExistingResourceRoutes
{
    private const string Member = "/v1/members/{member}";
    private const string Group = "/v1/groups/{group}";
    private const string Flow = "/v1/flows/{flow}";
    private const string Template = "/v1/templates/{template}";
    private const string Conversation = "/v1/conversations/{conversation}";
    private const string Channel = "/v1/channels/whatsapp";
    private const string SimpleFlow = """{"name":"Taken","start":"hi","blocks":[{"id":"hi","type":"message","text":"Hi","next":null}]}""";
    private const string OwnChannel = """{"phoneNumberId":"1","accessToken":"t","appSecret":"s","verifyToken":"v","graphApiBaseUrl":"http://127.0.0.1:9"}""";
    private const string OwnChannelStartingTheFlow =
        """{"phoneNumberId":"1","accessToken":"t","appSecret":"s","verifyToken":"v","graphApiBaseUrl":"http://127.0.0.1:9","defaultFlowId":"{flow}"}""";

    public static readonly IReadOnlyList<ResourceCase> All =
    [
        Other("GET", Member, null, 404, Member),
        Other("PATCH", Member, """{"name":"Taken","role":"admin"}""", 404, Member),
        Other("DELETE", Member, null, 404, Member),
        Other("POST", Member + "/keys", null, 404, Member),
        Other("POST", "/v1/members", """{"id":"{member}","name":"Taken","email":"taken@example.com","role":"admin"}""", 201, Member),
        Other("GET", Group, null, 404, Group),
        Other("PUT", Group, """{"name":"Taken","memberIds":[]}""", 404, Group),
        Other("DELETE", Group, null, 404, Group),
        Other("POST", "/v1/groups", """{"id":"{group}","name":"Taken","memberIds":[]}""", 201, Group),
        Other("GET", Flow, null, 404, Flow),
        Other("PUT", Flow, SimpleFlow, 201, Flow),
        Other("DELETE", Flow, null, 404, Flow),
        Other("GET", Template, null, 404, Template),
        Other("PUT", Template, """{"language":"es","body":"Taken","approved":true}""", 201, Template),
        Other("GET", Conversation, null, 404, Conversation),
        Other("POST", Conversation + "/messages", """{"text":"Taken"}""", 404, Conversation),
        Other("POST", Conversation + "/assign", """{"agentId":"{member}"}""", 404, Conversation),
        Other("POST", Conversation + "/close", null, 404, Conversation),
        Other("POST", Conversation + "/finish", null, 404, Conversation),
        Other("POST", "/v1/contacts/{phone}/outbound", """{"template":"{template}","language":"es","parameters":[]}""", 400, Conversation),
        Other("GET", Channel, null, 404, Channel),
        Other("PUT", Channel, OwnChannel, 201, Channel),
        Other("PUT", Channel, OwnChannelStartingTheFlow, 400, Channel),
        Other("POST", "/v1/tenants/{tenant}/admin-key", null, 403, "/v1/members"),

        Agent(ResourceCaller.AgentOfTheGroup, "GET", Conversation, null, 404),
        Agent(ResourceCaller.AgentOfTheGroup, "POST", Conversation + "/messages", """{"text":"Not mine"}""", 404),
        Agent(ResourceCaller.AgentOfTheGroup, "POST", Conversation + "/close", null, 404),
        Agent(ResourceCaller.AgentOfTheGroup, "POST", Conversation + "/finish", null, 404),
        Agent(ResourceCaller.AgentOfTheGroup, "POST", Conversation + "/assign", """{"agentId":"{caller}"}""", 409),
        Agent(ResourceCaller.AgentOfTheGroup, "POST", Conversation + "/assign", """{"agentId":"{owner}"}""", 403),
        Agent(ResourceCaller.AgentOutsideTheGroup, "GET", Conversation, null, 404),
        Agent(ResourceCaller.AgentOutsideTheGroup, "POST", Conversation + "/messages", """{"text":"Not mine"}""", 404),
        Agent(ResourceCaller.AgentOutsideTheGroup, "POST", Conversation + "/close", null, 404),
        Agent(ResourceCaller.AgentOutsideTheGroup, "POST", Conversation + "/finish", null, 404),
        Agent(ResourceCaller.AgentOutsideTheGroup, "POST", Conversation + "/assign", """{"agentId":"{caller}"}""", 404),
    ];

    public static TheoryData<string> NamesOf(params ResourceCaller[] callers) =>
        new(All.Where(route => callers.Contains(route.Caller)).Select(route => route.Name));

    public static ResourceCase Find(string name) => All.Single(route => route.Name == name);

    private static ResourceCase Other(string method, string path, string? body, int expected, string readBack) =>
        new(ResourceCaller.OtherTenantAdmin, method, path, body, expected, readBack);

    private static ResourceCase Agent(ResourceCaller caller, string method, string path, string? body, int expected) =>
        new(caller, method, path, body, expected, Conversation);
}
