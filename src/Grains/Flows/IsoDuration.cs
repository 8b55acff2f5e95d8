using System.Globalization;
using System.Text;
using System.Xml;

namespace Truora.Grains.Flows;

/// <summary>ISO-8601 durations as the contract writes them (<c>PT2H</c>, <c>PT6S</c>).</summary>
public static class IsoDuration
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;

        // XmlConvert also takes a leading '-' and surrounding spaces; the contract's durations start with P.
        if (!text.StartsWith('P'))
        {
            return false;
        }

        try
        {
            value = XmlConvert.ToTimeSpan(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>
    /// Hours, minutes and seconds only (<c>PT24H</c>, not XmlConvert's <c>P1D</c>), the way clients write a
    /// flow's <c>expiresAfter</c>.
    /// </summary>
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            return "-" + Format(value.Negate());
        }

        var builder = new StringBuilder("PT");
        var hours = value.Ticks / TimeSpan.TicksPerHour;
        var minutes = value.Ticks / TimeSpan.TicksPerMinute % 60;
        var secondTicks = value.Ticks % TimeSpan.TicksPerMinute;
        if (hours > 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{hours}H");
        }

        if (minutes > 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{minutes}M");
        }

        if (secondTicks > 0 || builder.Length == 2)
        {
            var seconds = secondTicks / (decimal)TimeSpan.TicksPerSecond;
            builder.Append(seconds.ToString("0.#######", CultureInfo.InvariantCulture)).Append('S');
        }

        return builder.ToString();
    }
}
