using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Truora.Api.WhatsApp.Payload;

/// <summary>
/// The sentence for a <see cref="JsonException"/> from reading a body: where, and what was expected there. The
/// serializer's own messages name .NET types (<c>could not be converted to System.String</c>), so the expected
/// shape is looked up instead: the exception's path is followed through the records' generated metadata to the
/// property that refused, which keeps the sentences right as records are added.
/// </summary>
internal static class WebhookJsonErrors
{
    /// <param name="error">What the serializer threw.</param>
    /// <param name="root">What was being read: the body, or a change's value.</param>
    /// <param name="prefix">The path of <paramref name="root"/> in the body; empty for the body itself.</param>
    public static string Describe(JsonException error, JsonTypeInfo root, string prefix)
    {
        // The reader's own errors (a cut body, a stray byte, trailing data) come wrapped, with their position.
        if (error.InnerException is JsonException)
        {
            return $"The body is not well-formed JSON (line {(error.LineNumber ?? 0) + 1}, byte {(error.BytePositionInLine ?? 0) + 1}).";
        }

        // Paths read "$.entry[0].changes": the part after '$' is appended to the prefix.
        var relative = error.Path is { Length: > 1 } path ? path[1..] : "";
        var where = (prefix + relative).TrimStart('.');
        return where.Length == 0
            ? "The body must be a JSON object."
            : $"{where} {Expected(ExpectedType(root, relative))}.";
    }

    private static string Expected(Type? type) => type switch
    {
        _ when type == typeof(string) => "must be a string",
        _ when type == typeof(int?) || type == typeof(int) || type == typeof(long) => "must be an integer",
        _ when type == typeof(double) || type == typeof(double?) => "must be a number",
        _ when type == typeof(bool) || type == typeof(bool?) => "must be true or false",

        // Every time in Meta's payload is read by UnixSecondsConverter.
        _ when type == typeof(DateTimeOffset?) => "must be unix seconds, such as \"1767225600\"",
        null => "has the wrong type",
        _ when type.IsAssignableTo(typeof(System.Collections.IEnumerable)) => "must be an array",
        _ => "must be an object",
    };

    /// <summary>The type at a path such as <c>.messages[0].text.body</c> under <paramref name="root"/>; null if none is found.</summary>
    private static Type? ExpectedType(JsonTypeInfo root, ReadOnlySpan<char> path)
    {
        var type = root;
        while (!path.IsEmpty)
        {
            Type? next;
            if (path[0] == '[')
            {
                next = type.ElementType;
                path = path[(path.IndexOf(']') + 1)..];
            }
            else
            {
                path = path[1..];
                var end = path.IndexOfAny('.', '[');
                var name = end < 0 ? path : path[..end];
                path = end < 0 ? [] : path[end..];
                next = PropertyType(type, name);
            }

            if (next is null)
            {
                return null;
            }

            if (path.IsEmpty)
            {
                return next;
            }

            type = type.Options.GetTypeInfo(next);
        }

        return root.Type;
    }

    private static Type? PropertyType(JsonTypeInfo type, ReadOnlySpan<char> name)
    {
        foreach (var property in type.Properties)
        {
            if (name.SequenceEqual(property.Name))
            {
                return property.PropertyType;
            }
        }

        return null;
    }
}
