namespace Truora.Grains.Flows;

/// <summary>The contract's day names, <c>mon</c> to <c>sun</c>.</summary>
public static class DayNames
{
    private static readonly string[] Names = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    /// <summary>All names, Monday first as people write them, for error messages.</summary>
    public static string Listed => "mon, tue, wed, thu, fri, sat, sun";

    public static string Of(DayOfWeek day) => Names[(int)day];

    public static bool TryParse(string name, out DayOfWeek day)
    {
        var index = Array.IndexOf(Names, name);
        day = (DayOfWeek)Math.Max(index, 0);
        return index >= 0;
    }
}
