using System.Text.Json.Serialization;

namespace Truora.Api.WhatsApp.Payload;

/// <summary>
/// The source-generated reader of Meta's webhook body. Two roots: the envelope, and a change's value, which is read
/// only once its <c>field</c> says it is ours (see <see cref="Change"/>).
/// </summary>
/// <remarks>
/// How the records say what is allowed, so a new one reads like the rest:
/// <list type="bullet">
/// <item>Properties are C# names of Meta's snake_case ones (<c>PhoneNumberId</c> is <c>phone_number_id</c>); others in
/// the body are skipped.</item>
/// <item>A non-nullable property refuses a JSON null (<see cref="JsonSourceGenerationOptionsAttribute.RespectNullableAnnotations"/>)
/// and keeps its initial value when absent: <c>""</c> for a string where empty and absent mean the same, <c>[]</c> for
/// a list. A nullable one takes null as absent.</item>
/// <item>Plain settable classes, not records with <c>init</c>: for those the generator builds through a constructor,
/// which drops the initial values: an absent list would arrive as null.</item>
/// <item>Lengths, ids and required fields are checked after reading, by the mappers, which name the JSON path.</item>
/// </list>
/// Metadata only: bodies are only read, and the serializer's write fast path would be dead code.
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(WebhookBody))]
[JsonSerializable(typeof(ChangeValue))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
