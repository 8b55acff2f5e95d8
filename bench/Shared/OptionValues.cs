using System.Globalization;

namespace Truora.Bench;

/// <summary>The <c>--name value</c> options of both harnesses: read after the command, numbers parsed invariantly and range-checked.</summary>
internal static class OptionValues
{
    /// <summary>
    /// Reads the <c>--name value</c> pairs and the <c>--smoke</c> flag after the command (<c>args[0]</c>), handing each pair
    /// to <paramref name="set"/>, which answers an error message or null; the names given, or the first error.
    /// </summary>
    public static (IReadOnlySet<string> Given, bool Smoke, string? Error) Read(string[] args, Func<string, string, string?> set)
    {
        var given = new HashSet<string>(StringComparer.Ordinal);
        var smoke = false;
        for (var i = 1; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--smoke")
            {
                smoke = true;
                continue;
            }

            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                return (given, smoke, $"Expected --name value, got '{name}'.");
            }

            given.Add(name);
            if (set(name, args[++i]) is { } error)
            {
                return (given, smoke, error);
            }
        }

        return (given, smoke, null);
    }

    /// <summary>Sets a number within [<paramref name="min"/>, <paramref name="max"/>]; the error message otherwise.</summary>
    public static string? Number(string name, string value, double min, double max, Action<double> set)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            return $"{name} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.";
        }

        set(number);
        return null;
    }
}
