namespace Truora.Api.WhatsApp.Payload;

/// <summary>Where a change's value is in the body, for error sentences; formatted only when one is written.</summary>
internal readonly record struct ValuePath(int Entry, int Change)
{
    public override string ToString() => $"entry[{Entry}].changes[{Change}].value";

    /// <summary>A field of an item of one of the value's lists, such as <c>….value.messages[2].text.body</c>.</summary>
    public string Of(string list, int index, string field) => $"{this}.{list}[{index}].{field}";
}
