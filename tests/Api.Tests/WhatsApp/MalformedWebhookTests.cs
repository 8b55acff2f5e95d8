using Truora.Api.WhatsApp;

namespace Truora.Api.Tests.WhatsApp;

/// <summary>Bad bodies are refused with a sentence for the 400 and yield nothing; none of them throws.</summary>
public sealed class MalformedWebhookTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"whatsapp\"")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{}}]}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":{}}""")]
    [InlineData("""{"object":1,"entry":[]}""")]
    [InlineData("""{"entry":[1]}""")]
    [InlineData("""{"entry":[{"changes":{}}]}""")]
    [InlineData("""{"entry":[{"changes":["messages"]}]}""")]
    [InlineData("""{"entry":[{"changes":[{"field":7,"value":{}}]}]}""")]
    [InlineData("""{"entry":[{"changes":[{"field":"messages","value":[]}]}]}""")]
    [InlineData("""{"entry":[]} trailing""")]
    [InlineData("""{"entry":[]}{"entry":[]}""")]
    [InlineData("""{"entry":[],}""")]
    [InlineData("""{/* comment */"entry":[]}""")]
    [InlineData("""{'entry':[]}""")]
    public void ABodyThatIsNotAWebhookIsRefused(string body) => AssertRefused(body);

    [Theory]
    [InlineData("""{"metadata":{"phone_number_id":"106540352242922"},"messages":{}}""")]
    [InlineData("""{"metadata":{"phone_number_id":"106540352242922"},"messages":[1]}""")]
    [InlineData("""{"metadata":{"phone_number_id":"106540352242922"},"messages":null}""")]
    [InlineData("""{"metadata":"106540352242922","messages":[]}""")]
    [InlineData("""{"metadata":{"phone_number_id":106540352242922},"messages":[]}""")]
    [InlineData("""{"messages":[{"from":"16505551234","id":"wamid.1","timestamp":"1749416383","type":"text","text":{"body":"hi"}}]}""")]
    [InlineData("""{"metadata":{"phone_number_id":"106540352242922"},"contacts":{},"messages":[]}""")]
    [InlineData("""{"metadata":{"phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Ana"},"wa_id":"abc"}]}""")]
    [InlineData("""{"metadata":{"phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Ana"}}]}""")]
    [InlineData("""{"metadata":{"phone_number_id":"106540352242922"},"contacts":[{"profile":"Ana","wa_id":"16505551234"}]}""")]
    [InlineData("""{"metadata":{"phone_number_id":"106540352242922"},"statuses":{}}""")]
    [InlineData("""{"metadata":{"phone_number_id":"106540352242922"},"statuses":[{"id":"wamid.1","status":5,"timestamp":"1749416383"}]}""")]
    [InlineData("""{"metadata":{"phone_number_id":"106540352242922"},"statuses":[{"status":"read","timestamp":"1749416383"}]}""")]
    [InlineData("""{"metadata":{"phone_number_id":"106540352242922"},"statuses":[{"id":"wamid.1","timestamp":"1749416383"}]}""")]
    [InlineData("""{"metadata":{"phone_number_id":"106540352242922"},"statuses":[{"id":"wamid.1","status":"read"}]}""")]
    [InlineData("""{"metadata":{"phone_number_id":"106540352242922"},"statuses":[{"id":"wamid.1","status":"read","timestamp":"soon"}]}""")]
    [InlineData("""{"metadata":{"phone_number_id":"106540352242922"},"statuses":[{"id":"wamid.1","status":"failed","timestamp":"1749416383","errors":{}}]}""")]
    [InlineData("""{"metadata":{"phone_number_id":"106540352242922"},"statuses":[{"id":"wamid.1","status":"failed","timestamp":"1749416383","errors":[{"code":"131047"}]}]}""")]
    public void AValueOfTheWrongShapeIsRefused(string value) => AssertRefused(WebhookBodies.Envelope(value));

    [Theory]
    [InlineData("""[{"from":"16505551234","timestamp":"1749416383","type":"text","text":{"body":"hi"}}]""", "id")]
    [InlineData("""[{"from":"16505551234","id":"","timestamp":"1749416383","type":"text","text":{"body":"hi"}}]""", "id")]
    [InlineData("""[{"from":"16505551234","id":42,"timestamp":"1749416383","type":"text","text":{"body":"hi"}}]""", "id")]
    [InlineData("""[{"id":"wamid.1","timestamp":"1749416383","type":"text","text":{"body":"hi"}}]""", "from")]
    [InlineData("""[{"from":"+16505551234","id":"wamid.1","timestamp":"1749416383","type":"text","text":{"body":"hi"}}]""", "from")]
    [InlineData("""[{"from":"1650555123a","id":"wamid.1","timestamp":"1749416383","type":"text","text":{"body":"hi"}}]""", "from")]
    [InlineData("""[{"from":"123","id":"wamid.1","timestamp":"1749416383","type":"text","text":{"body":"hi"}}]""", "from")]
    [InlineData("""[{"from":16505551234,"id":"wamid.1","timestamp":"1749416383","type":"text","text":{"body":"hi"}}]""", "from")]
    [InlineData("""[{"from":"16505551234","id":"wamid.1","type":"text","text":{"body":"hi"}}]""", "timestamp")]
    [InlineData("""[{"from":"16505551234","id":"wamid.1","timestamp":true,"type":"text","text":{"body":"hi"}}]""", "timestamp")]
    [InlineData("""[{"from":"16505551234","id":"wamid.1","timestamp":"12.5","type":"text","text":{"body":"hi"}}]""", "timestamp")]
    [InlineData("""[{"from":"16505551234","id":"wamid.1","timestamp":12.5,"type":"text","text":{"body":"hi"}}]""", "timestamp")]
    [InlineData("""[{"from":"16505551234","id":"wamid.1","timestamp":"-5","type":"text","text":{"body":"hi"}}]""", "timestamp")]
    [InlineData("""[{"from":"16505551234","id":"wamid.1","timestamp":-5,"type":"text","text":{"body":"hi"}}]""", "timestamp")]
    [InlineData("""[{"from":"16505551234","id":"wamid.1","timestamp":"1e9","type":"text","text":{"body":"hi"}}]""", "timestamp")]
    [InlineData("""[{"from":"16505551234","id":"wamid.1","timestamp":"999999999999","type":"text","text":{"body":"hi"}}]""", "timestamp")]
    [InlineData("""[{"from":"16505551234","id":"wamid.1","timestamp":"","type":"text","text":{"body":"hi"}}]""", "timestamp")]
    [InlineData("""[{"from":"16505551234","id":"wamid.1","timestamp":"1749416383","text":{"body":"hi"}}]""", "type")]
    [InlineData("""[{"from":"16505551234","id":"wamid.1","timestamp":"1749416383","type":"text","text":"hi"}]""", "text")]
    [InlineData("""[{"from":"16505551234","id":"wamid.1","timestamp":"1749416383","type":"text","text":{"body":7}}]""", "text.body")]
    [InlineData("""[{"from":"16505551234","id":"wamid.1","timestamp":"1749416383","type":"text"}]""", "text.body")]
    [InlineData("""[{"from":"16505551234","id":"wamid.1","timestamp":"1749416383","type":"interactive","interactive":{"type":"button_reply","button_reply":{"id":"x"}}}]""", "interactive.button_reply")]
    [InlineData("""[{"from":"16505551234","id":"wamid.1","timestamp":"1749416383","type":"interactive","interactive":[]}]""", "interactive")]
    [InlineData("""[{"from":"16505551234","id":"wamid.1","timestamp":"1749416383","type":"button","button":{"payload":"x"}}]""", "button.text")]
    public void AMessageWithABadFieldIsRefusedNamingIt(string messages, string field)
    {
        var error = AssertRefused(WebhookBodies.Messages(messages));

        Assert.Contains($"messages[0].{field}", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"entry":[]} trailing""")]
    [InlineData("""{"entry":[{"changes":[""")]
    [InlineData("""{"entry":[],}""")]
    public void JsonThatIsNotWellFormedIsCalledSoWithItsPlace(string body)
    {
        var error = AssertRefused(body);

        Assert.StartsWith("The body is not well-formed JSON (line 1, byte ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "The body must be a JSON object.")]
    [InlineData("""{"object":1}""", "object must be a string.")]
    [InlineData("""{"entry":{}}""", "entry must be an array.")]
    [InlineData("""{"entry":[{"changes":[{"field":"messages","value":"x"}]}]}""", "entry[0].changes[0].value must be an object.")]
    public void AnEnvelopeOfTheWrongShapeIsRefusedSayingWhatIsExpected(string body, string expected) =>
        Assert.Equal(expected, AssertRefused(body));

    [Theory]
    [InlineData("""{"messages":{}}""", "messages must be an array.")]
    [InlineData("""{"messages":[1]}""", "messages[0] must be an object.")]
    [InlineData("""{"metadata":{"phone_number_id":106540352242922}}""", "metadata.phone_number_id must be a string.")]
    [InlineData("""{"statuses":[{"id":"wamid.1","status":"read","timestamp":"soon"}]}""", "statuses[0].timestamp must be unix seconds, such as \"1767225600\".")]
    [InlineData("""{"statuses":[{"id":"wamid.1","status":"failed","timestamp":"1749416383","errors":[{"code":"131047"}]}]}""", "statuses[0].errors[0].code must be an integer.")]
    public void AValueOfTheWrongShapeIsRefusedSayingWhatIsExpected(string value, string expected) =>
        Assert.Equal("entry[0].changes[0].value." + expected, AssertRefused(WebhookBodies.Envelope(value)));

    [Fact]
    public void ATextLongerThan64KibIsRefused()
    {
        var error = AssertRefused(WebhookBodies.Text("wamid.long", new string('a', WebhookPayloadParser.MaxTextLength + 1)));

        Assert.Contains("text.body", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ATextOfExactly64KibIsAccepted()
    {
        var body = WebhookBodies.Utf8(WebhookBodies.Text("wamid.long", new string('a', WebhookPayloadParser.MaxTextLength)));

        Assert.True(WebhookPayloadParser.TryParse(body, out var payload, out var error), error);
        Assert.Equal(WebhookPayloadParser.MaxTextLength, Assert.Single(payload.Messages).Message.Text.Length);
    }

    [Fact]
    public void AnEscapedTextIsMeasuredAfterDecoding()
    {
        var escaped = string.Concat(Enumerable.Repeat("\\u00e9", 20_000));
        var body = WebhookBodies.Utf8(WebhookBodies.Messages(
            "[{\"from\":\"16505551234\",\"id\":\"wamid.e\",\"timestamp\":\"1749416383\",\"type\":\"text\",\"text\":{\"body\":\"" + escaped + "\"}}]"));

        Assert.True(WebhookPayloadParser.TryParse(body, out var payload, out var error), error);
        Assert.Equal(new string('é', 20_000), Assert.Single(payload.Messages).Message.Text);
    }

    [Fact]
    public void AnIdLongerThan256CharactersIsRefused()
    {
        var error = AssertRefused(WebhookBodies.Text(new string('w', WebhookPayloadParser.MaxIdLength + 1), "hi"));

        Assert.Contains("messages[0].id", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AHugeProfileNameIsRefused()
    {
        var body = WebhookBodies.Envelope(
            "{\"metadata\":{\"phone_number_id\":\"106540352242922\"},\"contacts\":[{\"profile\":{\"name\":\"" + new string('n', 100_000)
            + "\"},\"wa_id\":\"16505551234\"}]}");

        var error = AssertRefused(body);

        Assert.Contains("contacts[0].profile.name", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AStringThatIsNotUtf8IsRefused()
    {
        var body = WebhookBodies.Utf8(WebhookBodies.Text("wamid.bad", "XX"));
        var at = Array.IndexOf(body, (byte)'X');
        body[at] = 0xC3;
        body[at + 1] = 0x28;

        Assert.False(WebhookPayloadParser.TryParse(body, out var payload, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Empty(payload.Messages);
    }

    [Fact]
    public void BytesThatAreNotUtf8AreRefusedAlsoWhereNothingIsRead()
    {
        var body = WebhookBodies.Utf8(WebhookBodies.TextMessage);
        var at = body.AsSpan().IndexOf("15550783881"u8);
        body[at] = 0xC3;
        body[at + 1] = 0x28;

        Assert.Equal("The body is not valid UTF-8.", AssertRefused(body));
    }

    /// <summary>Meta's sample payloads, one of each kind the parser reads.</summary>
    public static TheoryData<string> Samples() => new(
        WebhookBodies.TextMessage,
        WebhookBodies.Messages("""[{"from":"16505551234","id":"wamid.i","timestamp":"1749416383","type":"image","image":{"caption":"Look","mime_type":"image/jpeg","sha256":"ZXhhbXBsZQ==","id":"1003383421387256"}}]"""),
        WebhookBodies.Messages("""[{"from":"16505551234","id":"wamid.l","timestamp":"1749416383","type":"location","location":{"latitude":37.483307,"longitude":-122.148981,"name":"Pablo Morales","address":"1 Hacker Way"}}]"""),
        WebhookBodies.Messages("""[{"context":{"from":"15550783881","id":"wamid.q"},"from":"16505551234","id":"wamid.r","timestamp":"1749416383","type":"interactive","interactive":{"type":"button_reply","button_reply":{"id":"yes","title":"Yes"}}}]"""),
        WebhookBodies.Messages("""[{"from":"16505551234","id":"wamid.b","timestamp":"1749416383","type":"button","button":{"payload":"unsubscribe","text":"Stop promotions"}}]"""),
        WebhookBodies.Statuses("""[{"id":"wamid.s","status":"sent","timestamp":"1749416383","recipient_id":"16505551234","conversation":{"id":"6ceb9d929c9b6bf6d0bcc8a6c2fa8b7e","origin":{"type":"service"}},"pricing":{"billable":true,"pricing_model":"PMP","category":"service"}}]"""),
        WebhookBodies.Statuses("""[{"id":"wamid.f","status":"failed","timestamp":"1749416383","recipient_id":"16505551234","errors":[{"code":131047,"title":"Re-engagement message","error_data":{"details":"More than 24 hours have passed."}}]}]"""));

    [Theory]
    [MemberData(nameof(Samples))]
    public void EveryTruncationOfAValidBodyIsRefused(string sample)
    {
        var body = WebhookBodies.Utf8(sample);
        Assert.True(WebhookPayloadParser.TryParse(body, out var whole, out var wholeError), wholeError);
        Assert.NotEqual(0, whole.Messages.Count + whole.Statuses.Count);

        for (var length = 0; length < body.Length; length++)
        {
            var parsed = WebhookPayloadParser.TryParse(body.AsSpan(0, length), out var payload, out var error);

            Assert.False(parsed, $"A body cut at byte {length} was accepted.");
            Assert.False(string.IsNullOrWhiteSpace(error));
            Assert.Empty(payload.Messages);
            Assert.Empty(payload.Statuses);
        }
    }

    [Fact]
    public void CorruptedBytesNeverThrowAndEveryRefusalIsExplained()
    {
        var body = WebhookBodies.Utf8(WebhookBodies.TextMessage);
        byte[] replacements = [(byte)'"', (byte)'{', (byte)']', (byte)':', (byte)'1', (byte)'\\', 0x00, 0xFF];

        for (var i = 0; i < body.Length; i++)
        {
            var original = body[i];
            foreach (var replacement in replacements)
            {
                body[i] = replacement;

                var parsed = WebhookPayloadParser.TryParse(body, out var payload, out var error);

                Assert.Equal(parsed, error is null);
                Assert.True(parsed || payload.Messages.Count == 0);
            }

            body[i] = original;
        }
    }

    private static string AssertRefused(string body) => AssertRefused(WebhookBodies.Utf8(body));

    private static string AssertRefused(byte[] body)
    {
        var parsed = WebhookPayloadParser.TryParse(body, out var payload, out var error);

        Assert.False(parsed);
        Assert.NotNull(error);
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Empty(payload.Messages);
        Assert.Empty(payload.Statuses);
        return error;
    }
}
