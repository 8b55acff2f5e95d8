using System.Net.Mail;
using Truora.Grains.Interfaces;

namespace Truora.Api.Problems;

/// <summary>Collects validation errors per field, in the shape of a problem's <c>errors</c> member.</summary>
public sealed class FieldErrors
{
    public const int MaxNameLength = 200;
    private const int MaxEmailLength = 254;

    private readonly Dictionary<string, string[]> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public Dictionary<string, string[]> ToDictionary() => errors;

    public void Add(string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    public string? Id(string field, string? value)
    {
        if (!EntityId.IsValid(value))
        {
            Add(field, $"Must match {EntityId.Pattern}.");
        }

        return value;
    }

    public string? Name(string field, string? value, bool required = true)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required || value is not null)
            {
                Add(field, "Must not be empty.");
            }
        }
        else if (trimmed.Length > MaxNameLength)
        {
            Add(field, $"Must be at most {MaxNameLength} characters.");
        }

        return trimmed;
    }

    public string? Email(string field, string? value, bool required = true)
    {
        if (value is null)
        {
            if (required)
            {
                Add(field, "Is required.");
            }

            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > MaxEmailLength || !MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed)
        {
            Add(field, "Must be an email address such as ana@example.com.");
        }

        return trimmed;
    }
}
