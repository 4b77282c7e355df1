using System.ComponentModel;
using System.Globalization;
using System.Numerics;

namespace GreatModel.Cli.Parsing;

/// <summary>
/// What an option's CLR type accepts, in words ("a non-negative integer"), and whether a value is one:
/// decimal integers in range, numbers with a decimal point, true/false, an enum's names.
/// </summary>
internal static class ValueKinds
{
    /// <summary>Null when <paramref name="value"/> is a valid <paramref name="type"/>, else why not ("is not a number").</summary>
    public static string? Problem(Type type, string value)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string)) return null;
        if (IntegerRange(t) is { } range)
        {
            if (!BigInteger.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) || (range.Min.IsZero && v.Sign < 0))
                return $"is not {Words(t)}";
            // The type's limits only (each option's own range is checked where the option is used, e.g. --chains ≥ 1).
            return v > range.Max ? $"is too large (at most {range.Max})" : v < range.Min ? $"is too small (at least {range.Min})" : null;
        }
        if (t == typeof(double) || t == typeof(float) || t == typeof(decimal))
            return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? null : $"is not {Words(t)}";
        if (t == typeof(bool))
            return bool.TryParse(value, out _) ? null : $"is not {Words(t)}";
        if (t.IsEnum)
            return Enum.GetNames(t).Any(n => n.Equals(value, StringComparison.OrdinalIgnoreCase)) ? null : $"is not {Words(t)}";
        try
        {
            _ = TypeDescriptor.GetConverter(t).ConvertFromInvariantString(value);
            return null;
        }
        catch (Exception e) when (e is NotSupportedException or FormatException or ArgumentException)
        {
            return $"is not {Words(t)}";
        }
    }

    /// <summary>The values a type accepts, in words, with an article: "an integer", "one of: tidy, cmdstan".</summary>
    public static string Words(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (IntegerRange(t) is { } range) return range.Min.IsZero ? "a non-negative integer" : "an integer";
        if (t == typeof(double) || t == typeof(float) || t == typeof(decimal)) return "a number";
        if (t == typeof(bool)) return "true or false";
        if (t.IsEnum) return "one of: " + string.Join(", ", Enum.GetNames(t).Select(n => n.ToLowerInvariant()));
        return "a valid value";
    }

    private static (BigInteger Min, BigInteger Max)? IntegerRange(Type t) => t switch
    {
        _ when t == typeof(sbyte) => (sbyte.MinValue, sbyte.MaxValue),
        _ when t == typeof(byte) => (byte.MinValue, byte.MaxValue),
        _ when t == typeof(short) => (short.MinValue, short.MaxValue),
        _ when t == typeof(ushort) => (ushort.MinValue, ushort.MaxValue),
        _ when t == typeof(int) => (int.MinValue, int.MaxValue),
        _ when t == typeof(uint) => (uint.MinValue, uint.MaxValue),
        _ when t == typeof(long) => (long.MinValue, long.MaxValue),
        _ when t == typeof(ulong) => (ulong.MinValue, ulong.MaxValue),
        _ => null,
    };
}
