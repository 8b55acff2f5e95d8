using System.Text;
using System.Text.Json;
using Truora.Grains.WhatsApp;

namespace Truora.Api.Tests.WhatsApp;

public sealed class OutboundMessageJsonTests
{
    [Fact]
    public void ATextMessageHasMetasShapeExactly()
    {
        var json = OutboundMessageJson.Text("573001234567", "Hola, Ana");

        Assert.Equal(
            """{"messaging_product":"whatsapp","recipient_type":"individual","to":"573001234567","type":"text","text":{"preview_url":false,"body":"Hola, Ana"}}""",
            Encoding.UTF8.GetString(json));
    }

    [Fact]
    public void ATextBodyKeepsQuotesNewlinesAccentsAndEmoji()
    {
        const string body = "¿Cómo estás? \"Ana\"\nLínea 2 \\ fin 😀";

        using var document = JsonDocument.Parse(OutboundMessageJson.Text("573001234567", body));

        var root = document.RootElement;
        Assert.Equal("whatsapp", root.GetProperty("messaging_product").GetString());
        Assert.Equal("individual", root.GetProperty("recipient_type").GetString());
        Assert.Equal("573001234567", root.GetProperty("to").GetString());
        Assert.Equal("text", root.GetProperty("type").GetString());
        Assert.False(root.GetProperty("text").GetProperty("preview_url").GetBoolean());
        Assert.Equal(body, root.GetProperty("text").GetProperty("body").GetString());
    }

    [Fact]
    public void ATemplateWithParametersHasOneBodyComponent()
    {
        var json = OutboundMessageJson.Template("573001234567", "order_update", "es", ["Ana", "#1234"]);

        Assert.Equal(
            """{"messaging_product":"whatsapp","to":"573001234567","type":"template","template":{"name":"order_update","language":{"code":"es"},"components":[{"type":"body","parameters":[{"type":"text","text":"Ana"},{"type":"text","text":"#1234"}]}]}}""",
            Encoding.UTF8.GetString(json));
        using var document = JsonDocument.Parse(json);
        var template = document.RootElement.GetProperty("template");
        var parameters = Assert.Single(template.GetProperty("components").EnumerateArray()).GetProperty("parameters");
        Assert.Equal(new[] { "Ana", "#1234" }, parameters.EnumerateArray().Select(p => p.GetProperty("text").GetString()));
    }

    [Fact]
    public void ATemplateWithoutParametersHasNoComponents()
    {
        using var document = JsonDocument.Parse(OutboundMessageJson.Template("16505551234", "hello_world", "en_US", []));

        var root = document.RootElement;
        Assert.Equal("template", root.GetProperty("type").GetString());
        Assert.Equal("16505551234", root.GetProperty("to").GetString());
        var template = root.GetProperty("template");
        Assert.Equal("hello_world", template.GetProperty("name").GetString());
        Assert.Equal("en_US", template.GetProperty("language").GetProperty("code").GetString());
        Assert.False(template.TryGetProperty("components", out _));
    }

    [Fact]
    public void TheMessageIdIsReadFromMetasReply()
    {
        var reply = """
            {"messaging_product":"whatsapp","contacts":[{"input":"+16505551234","wa_id":"16505551234"}],
             "messages":[{"id":"wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA","message_status":"accepted"}]}
            """u8;

        Assert.True(OutboundMessageJson.TryReadMessageId(reply, out var wamid));
        Assert.Equal("wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA", wamid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"messages":{}}""")]
    [InlineData("""{"messages":[]}""")]
    [InlineData("""{"messages":[{}]}""")]
    [InlineData("""{"messages":[{"id":""}]}""")]
    [InlineData("""{"messages":[{"id":5}]}""")]
    [InlineData("""{"error":{"message":"Invalid OAuth access token.","type":"OAuthException","code":190,"fbtrace_id":"AbCd"}}""")]
    public void AReplyWithoutAMessageIdIsNotASuccess(string reply)
    {
        Assert.False(OutboundMessageJson.TryReadMessageId(Encoding.UTF8.GetBytes(reply), out var wamid));
        Assert.Null(wamid);
    }
}
