using System.Globalization;

namespace Truora.Bench;

/// <summary>The numeric <c>--name value</c> options of both harnesses: parsed invariantly and range-checked.</summary>
internal static class OptionValues
{
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
