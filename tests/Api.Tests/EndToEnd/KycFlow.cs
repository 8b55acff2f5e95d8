namespace Truora.Api.Tests.EndToEnd;

/// <summary>
/// The contract's example KYC flow, with opening hours that cover every minute of every day (one rule until noon,
/// one from noon spanning midnight), so the user always reaches a human.
/// </summary>
internal static class KycFlow
{
    public const string Welcome = "Hi! Let's verify you.";
    public const string Question = "Your document number?";
    public const string Closed = "We are closed, come back at 9.";
    public const string Resumed = "Thanks, your verification continues.";

    public static string Json(string name = "KYC with human help", string askDocNext = "hours", string groupId = WhatsAppTenant.GroupId) => $$"""
        {
          "name": "{{name}}",
          "expiresAfter": "PT2H",
          "start": "welcome",
          "blocks": [
            {"id": "welcome", "type": "message", "text": "{{Welcome}}", "next": "ask_doc"},
            {"id": "ask_doc", "type": "question", "text": "{{Question}}", "variable": "document", "next": "{{askDocNext}}"},
            {"id": "hours", "type": "condition",
             "rules": [
               {"days": ["mon","tue","wed","thu","fri","sat","sun"], "from": "00:00", "to": "12:00", "next": "human"},
               {"days": ["mon","tue","wed","thu","fri","sat","sun"], "from": "12:00", "to": "00:00", "next": "human"}
             ],
             "else": "closed"},
            {"id": "human", "type": "connect_agent", "crm": "truora_conversations",
             "assign": {"mode": "available", "groupId": "{{groupId}}"}, "next": "done"},
            {"id": "closed", "type": "message", "text": "{{Closed}}", "next": null},
            {"id": "done", "type": "message", "text": "{{Resumed}}", "next": null}
          ]
        }
        """;
}
