using Truora.Api.WhatsApp;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Api.Tests.WhatsApp;

public sealed class InboundMessageParsingTests
{
    [Fact]
    public void MetasTextSampleBecomesOneMessageWithSenderNameAndTime()
    {
        var parsed = WebhookPayloadParser.TryParse(WebhookBodies.Utf8(WebhookBodies.TextMessage), out var payload, out var error);

        Assert.True(parsed, error);
        var (phoneNumberId, message) = Assert.Single(payload.Messages);
        Assert.Equal(WebhookBodies.PhoneNumberId, phoneNumberId);
        var expected = new InboundMessage(
            WebhookBodies.MessageId,
            WebhookBodies.Sender,
            WebhookBodies.SenderName,
            WebhookBodies.SentAt,
            "Does it come in another color?",
            InboundMessageKinds.Text);
        Assert.Equal(expected, message);
        Assert.Empty(payload.Statuses);
    }

    [Fact]
    public void AButtonReplyCarriesTheTappedTitleAndTheButtonId()
    {
        var message = ParseOne("""
            [{"context":{"from":"15550783881","id":"wamid.question"},"from":"16505551234","id":"wamid.reply",
              "timestamp":"1749416383","type":"interactive",
              "interactive":{"type":"button_reply","button_reply":{"id":"change-button","title":"Change"}}}]
            """);

        Assert.Equal(InboundMessageKinds.Interactive, message.Kind);
        Assert.Equal("Change", message.Text);
        Assert.Equal("change-button", message.ReplyId);
        Assert.Equal(WebhookBodies.SenderName, message.ProfileName);
    }

    [Fact]
    public void AListReplyCarriesTheChosenRowTitle()
    {
        var message = ParseOne("""
            [{"from":"16505551234","id":"wamid.list","timestamp":"1749416383","type":"interactive",
              "interactive":{"type":"list_reply","list_reply":{"id":"priority_express","title":"Priority Mail Express","description":"Next Day to 2 Days"}}}]
            """);

        Assert.Equal(InboundMessageKinds.Interactive, message.Kind);
        Assert.Equal("Priority Mail Express", message.Text);
        Assert.Equal("priority_express", message.ReplyId);
    }

    [Fact]
    public void ATemplateQuickReplyCarriesTheButtonTextAndPayload()
    {
        var message = ParseOne("""
            [{"context":{"from":"15550783881","id":"wamid.template"},"from":"16505551234","id":"wamid.quick",
              "timestamp":"1749416383","type":"button","button":{"payload":"unsubscribe","text":"Stop promotions"}}]
            """);

        Assert.Equal(InboundMessageKinds.Button, message.Kind);
        Assert.Equal("Stop promotions", message.Text);
        Assert.Equal("unsubscribe", message.ReplyId);
    }

    [Theory]
    [InlineData("image", """{"caption":"Look","mime_type":"image/jpeg","sha256":"ZXhhbXBsZQ==","id":"1003383421387256"}""")]
    [InlineData("audio", """{"mime_type":"audio/ogg; codecs=opus","sha256":"ZXhhbXBsZQ==","id":"1003383421387257","voice":true}""")]
    [InlineData("location", """{"latitude":37.483307,"longitude":-122.148981,"name":"Pablo Morales","address":"1 Hacker Way"}""")]
    [InlineData("sticker", """{"mime_type":"image/webp","sha256":"ZXhhbXBsZQ==","id":"1003383421387258","animated":false}""")]
    public void OtherTypesAreRecordedAsUnsupported(string type, string content)
    {
        var message = ParseOne("[{\"from\":\"16505551234\",\"id\":\"wamid.media\",\"timestamp\":\"1749416383\",\"type\":\"" + type
            + "\",\"" + type + "\":" + content + "}]");

        Assert.Equal(InboundMessageKinds.Unsupported, message.Kind);
        Assert.Equal("unsupported type " + type, message.Text);
        Assert.Equal("wamid.media", message.MessageId);
    }

    [Fact]
    public void AnInteractiveReplyOfAnUnknownKindIsUnsupported()
    {
        var message = ParseOne("""
            [{"from":"16505551234","id":"wamid.form","timestamp":"1749416383","type":"interactive",
              "interactive":{"type":"nfm_reply","nfm_reply":{"name":"flow","body":"Sent","response_json":"{}"}}}]
            """);

        Assert.Equal(InboundMessageKinds.Unsupported, message.Kind);
        Assert.Equal("unsupported type interactive", message.Text);
    }

    [Fact]
    public void ContactsListedAfterTheirMessagesStillNameTheSender()
    {
        var body = """
            {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
              "messages":[{"from":"573001234567","id":"wamid.a","timestamp":1749416383,"type":"text","text":{"body":"Hola"}}],
              "contacts":[{"wa_id":"16505551234","profile":{"name":"Someone Else"}},{"wa_id":"573001234567","profile":{"name":"Ana"}}],
              "metadata":{"phone_number_id":"106540352242922"}}}]}]}
            """u8;

        Assert.True(WebhookPayloadParser.TryParse(body, out var payload, out var error), error);
        var (phoneNumberId, message) = Assert.Single(payload.Messages);
        Assert.Equal(WebhookBodies.PhoneNumberId, phoneNumberId);
        Assert.Equal("Ana", message.ProfileName);
        Assert.Equal(WebhookBodies.SentAt, message.Timestamp);
    }

    [Fact]
    public void ASenderWithoutAContactHasNoProfileName()
    {
        var message = ParseOne("""[{"from":"573001234567","id":"wamid.b","timestamp":"1749416383","type":"text","text":{"body":"Hola"}}]""");

        Assert.Null(message.ProfileName);
        Assert.Equal("573001234567", message.From);
    }

    [Fact]
    public void EveryEntryAndChangeIsReadInOrder()
    {
        var body = """
            {"object":"whatsapp_business_account","entry":[
              {"id":"1","changes":[
                {"value":{"metadata":{"phone_number_id":"111111"},"messages":[
                  {"from":"16505551234","id":"wamid.1","timestamp":"1749416383","type":"text","text":{"body":"one"}},
                  {"from":"16505551234","id":"wamid.2","timestamp":"1749416384","type":"text","text":{"body":"two"}}]},"field":"messages"},
                {"value":{"metadata":{"phone_number_id":"111111"},"statuses":[
                  {"id":"wamid.out","status":"delivered","timestamp":"1749416385","recipient_id":"16505551234"}]},"field":"messages"}]},
              {"id":"2","changes":[
                {"value":{"metadata":{"phone_number_id":"222222"},"messages":[
                  {"from":"573001234567","id":"wamid.3","timestamp":"1749416386","type":"text","text":{"body":"three"}}]},"field":"messages"}]}]}
            """u8;

        Assert.True(WebhookPayloadParser.TryParse(body, out var payload, out var error), error);
        Assert.Equal(new[] { "111111/wamid.1", "111111/wamid.2", "222222/wamid.3" }, payload.Messages.Select(m => $"{m.PhoneNumberId}/{m.Message.MessageId}"));
        Assert.Equal(new[] { "one", "two", "three" }, payload.Messages.Select(m => m.Message.Text));
        var (phoneNumberId, _, status) = Assert.Single(payload.Statuses);
        Assert.Equal("111111", phoneNumberId);
        Assert.Equal(DeliveryState.Delivered, status.State);
    }

    [Fact]
    public void AChangeOfAnotherFieldYieldsNothing()
    {
        var body = """
            {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[
              {"value":{"event":"APPROVED","message_template_id":123,"message_template_name":"welcome","reason":null},"field":"message_template_status_update"},
              {"value":{"messages":{"unexpected":true}},"field":"account_update"}]}]}
            """u8;

        Assert.True(WebhookPayloadParser.TryParse(body, out var payload, out var error), error);
        Assert.Empty(payload.Messages);
        Assert.Empty(payload.Statuses);
    }

    [Fact]
    public void AnotherProductsWebhookYieldsNothing()
    {
        var body = WebhookBodies.Utf8(WebhookBodies.TextMessage.Replace("whatsapp_business_account", "instagram", StringComparison.Ordinal));

        Assert.True(WebhookPayloadParser.TryParse(body, out var payload, out var error), error);
        Assert.Empty(payload.Messages);
    }

    [Fact]
    public void EscapedTextIsDecoded()
    {
        var message = ParseOne("""[{"from":"16505551234","id":"wamid.e","timestamp":"1749416383","type":"text","text":{"body":"\u00bfQu\u00e9 tal? \"bien\"\n\ud83d\ude00"}}]""");

        Assert.Equal("¿Qué tal? \"bien\"\n😀", message.Text);
    }

    private static InboundMessage ParseOne(string messages)
    {
        var parsed = WebhookPayloadParser.TryParse(WebhookBodies.Utf8(WebhookBodies.Messages(messages)), out var payload, out var error);

        Assert.True(parsed, error);
        return Assert.Single(payload.Messages).Message;
    }
}
