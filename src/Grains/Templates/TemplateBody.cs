using System.Text.RegularExpressions;
using Truora.Grains.Interfaces.Templates;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Grains.Templates;

/// <summary>Meta's template bodies: <c>{{1}}</c>, <c>{{2}}</c>… numbered from one, each filled by one parameter.</summary>
public static partial class TemplateBody
{
    public static int PlaceholderCount(string body)
    {
        var highest = 0;
        foreach (Match match in Placeholder().Matches(body))
        {
            highest = Math.Max(highest, int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture));
        }

        return highest;
    }

    public static TemplateRendering Render(TemplateDetails? template, string language, IReadOnlyList<string> parameters)
    {
        if (template is null)
        {
            return new TemplateRendering(null, "template", "There is no template by that name.");
        }

        if (!template.Approved)
        {
            return new TemplateRendering(null, "template", "The template is not approved.");
        }

        if (!string.Equals(template.Language, language, StringComparison.Ordinal))
        {
            return new TemplateRendering(null, "language", $"The template's language is {template.Language}.");
        }

        var expected = PlaceholderCount(template.Body);
        if (parameters.Count != expected)
        {
            return new TemplateRendering(null, "parameters", $"The template's body takes {expected} parameter(s).");
        }

        var text = Placeholder().Replace(template.Body, match =>
            parameters[int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) - 1]);
        return text.Length <= WhatsAppText.MaxLength
            ? new TemplateRendering(text)
            : new TemplateRendering(null, "parameters", $"The filled-in template would be {text.Length} characters; WhatsApp takes at most {WhatsAppText.MaxLength}.");
    }

    [GeneratedRegex(@"\{\{([1-9][0-9]?)\}\}")]
    private static partial Regex Placeholder();
}
