using Truora.Api.WhatsApp;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Api.Tests.WhatsApp;

public sealed class DeliveryStatusParsingTests
{
    [Theory]
    [InlineData("sent", DeliveryState.Sent)]
    [InlineData("delivered", DeliveryState.Delivered)]
    [InlineData("read", DeliveryState.Read)]
    [InlineData("failed", DeliveryState.Failed)]
    public void EachWireStatusBecomesItsDeliveryState(string wire, DeliveryState expected)
    {
        var statuses = "[{\"id\":\"wamid.out\",\"status\":\"" + wire + "\",\"timestamp\":\"1749416383\",\"recipient_id\":\"16505551234\"}]";

        var (phoneNumberId, _, status) = ParseOne(statuses);

        Assert.Equal(WebhookBodies.PhoneNumberId, phoneNumberId);
        Assert.Equal(new DeliveryStatusUpdate("wamid.out", expected, WebhookBodies.SentAt, null), status);
    }

    [Fact]
    public void ASentStatusWithPricingAndConversationIsRead()
    {
        var (_, _, status) = ParseOne("""
            [{"id":"wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA","status":"sent","timestamp":"1749416383",
              "recipient_id":"16505551234",
              "conversation":{"id":"6ceb9d929c9b6bf6d0bcc8a6c2fa8b7e","expiration_timestamp":"1749502783","origin":{"type":"service"}},
              "pricing":{"billable":true,"pricing_model":"PMP","category":"service"}}]
            """);

        Assert.Equal("wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA", status.MessageId);
        Assert.Equal(DeliveryState.Sent, status.State);
        Assert.Null(status.Error);
    }

    [Fact]
    public void AFailedStatusCarriesMetasErrorCodeTitleAndDetails()
    {
        var (_, _, status) = ParseOne("""
            [{"id":"wamid.failed","status":"failed","timestamp":"1749416383","recipient_id":"16505551234",
              "errors":[{"code":131047,"title":"Re-engagement message","message":"Re-engagement message",
                "error_data":{"details":"Message failed to send because more than 24 hours have passed since the customer last replied to this number."},
                "href":"https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"}]}]
            """);

        Assert.Equal(DeliveryState.Failed, status.State);
        Assert.Equal(
            "131047 Re-engagement message: Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
            status.Error);
    }

    [Fact]
    public void SeveralErrorsAreJoinedInOrder()
    {
        var (_, _, status) = ParseOne("""
            [{"id":"wamid.failed","status":"failed","timestamp":"1749416383","recipient_id":"16505551234",
              "errors":[{"code":131026,"title":"Message undeliverable"},{"title":"Rate limit hit"}]}]
            """);

        Assert.Equal("131026 Message undeliverable; Rate limit hit", status.Error);
    }

    [Fact]
    public void AStatusWeDoNotTrackIsSkippedWithoutError()
    {
        var body = WebhookBodies.Utf8(WebhookBodies.Statuses("""
            [{"id":"wamid.gone","status":"deleted","timestamp":"1749416383","recipient_id":"16505551234"},
             {"id":"wamid.kept","status":"read","timestamp":"1749416384","recipient_id":"16505551234"}]
            """));

        Assert.True(WebhookPayloadParser.TryParse(body, out var payload, out var error), error);
        Assert.Equal("wamid.kept", Assert.Single(payload.Statuses).Status.MessageId);
    }

    [Fact]
    public void StatusesAndMessagesOfOneValueAreBothRead()
    {
        var body = WebhookBodies.Utf8(WebhookBodies.Envelope("""
            {"metadata":{"phone_number_id":"106540352242922"},
             "statuses":[{"id":"wamid.out","status":"read","timestamp":"1749416383","recipient_id":"16505551234"}],
             "messages":[{"from":"16505551234","id":"wamid.in","timestamp":"1749416384","type":"text","text":{"body":"Thanks"}}]}
            """));

        Assert.True(WebhookPayloadParser.TryParse(body, out var payload, out var error), error);
        var status = Assert.Single(payload.Statuses);
        Assert.Equal("wamid.out", status.Status.MessageId);
        Assert.Equal("16505551234", status.RecipientId);
        Assert.Equal("wamid.in", Assert.Single(payload.Messages).Message.MessageId);
    }

    [Fact]
    public void AStatusWithoutItsRecipientIsRefused()
    {
        var body = WebhookBodies.Utf8(WebhookBodies.Statuses("""
            [{"id":"wamid.out","status":"read","timestamp":"1749416383"}]
            """));

        Assert.False(WebhookPayloadParser.TryParse(body, out _, out var error));
        Assert.Contains("recipient_id", error, StringComparison.Ordinal);
    }

    private static WebhookStatus ParseOne(string statuses)
    {
        var parsed = WebhookPayloadParser.TryParse(WebhookBodies.Utf8(WebhookBodies.Statuses(statuses)), out var payload, out var error);

        Assert.True(parsed, error);
        return Assert.Single(payload.Statuses);
    }
}
