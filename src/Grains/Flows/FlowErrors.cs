namespace Truora.Grains.Flows;

/// <summary>Validation errors of a flow per field, in the shape of a problem's <c>errors</c> member.</summary>
public sealed class FlowErrors
{
    private readonly Dictionary<string, string[]> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public IReadOnlyDictionary<string, string[]> ToDictionary() => errors;

    public void Add(string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
}
