using System.Globalization;
using System.Text.RegularExpressions;

namespace CityWarmth.Skills.Text;

/// <summary>
/// Reads numbers as workers write them: Arabic ("12000", "1.2"), Chinese ("一万二千", "三千五", "两万三"),
/// mixed ("1万2", "3k", "1.5w"), and spans ("五六千" reads as its lower bound, 5000).
/// Input must already be normalised to half-width characters.
/// </summary>
public static partial class ChineseNumber
{
    /// <summary>A run of characters that may form one number.</summary>
    [GeneratedRegex(@"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十])(?:\d|\.(?=\d)|[零〇一二两三四五六七八九十百千万亿]|[kKwW](?![A-Za-z]))*")]
    public static partial Regex Run();

    /// <summary>Parses a whole run such as "三千五" or "1.2万" (surrounding spaces ignored). Returns false instead of throwing.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out decimal value)
    {
        try
        {
            return TryParseCore(s.Trim(), out value);
        }
        catch (OverflowException)
        {
            value = 0;
            return false;
        }
    }

    private static bool TryParseCore(ReadOnlySpan<char> s, out decimal value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 30)
        {
            return false;
        }

        // "二〇二四", "一三八": digits only, read one by one.
        if (s.Length > 1 && AllDigitChars(s))
        {
            decimal acc = 0;
            foreach (var c in s)
            {
                acc = acc * 10 + Digit(c);
            }
            value = acc;
            return true;
        }

        decimal total = 0, section = 0, lastUnit = 0;
        decimal? number = null;
        var afterZero = false;
        var any = false;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < s.Length && (char.IsAsciiDigit(s[i]) || (s[i] == '.' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]))))
                {
                    i++;
                }
                if (number is not null || !decimal.TryParse(s[start..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
                {
                    return false;
                }
                number = n;
                any = true;
                continue;
            }

            var d = Digit(c);
            if (d == 0)
            {
                if (number is not null)
                {
                    return false;
                }
                afterZero = true;
                i++;
                continue;
            }
            if (d > 0)
            {
                if (number is { } previous && IsSpan(s, i, previous, d))
                {
                    // "五六千": two neighbouring digits before a unit are a span; keep its lower bound.
                    i++;
                    continue;
                }
                if (number is not null)
                {
                    return false;
                }
                number = d;
                any = true;
                i++;
                continue;
            }

            var unit = Unit(c);
            if (unit == 0)
            {
                return false;
            }
            if (unit < 10_000)
            {
                decimal n;
                if (number is { } given)
                {
                    n = given;
                }
                else if (unit == 10)
                {
                    n = 1; // "十五" = 15
                }
                else
                {
                    return false;
                }
                if (lastUnit != 0 && lastUnit < 10_000 && unit >= lastUnit && section != 0)
                {
                    return false; // "五十百": units must fall
                }
                section += n * unit;
                any = true;
            }
            else
            {
                section += number ?? 0;
                if (section == 0)
                {
                    return false;
                }
                total = unit == 100_000_000 ? (total + section) * unit : total + section * unit;
                section = 0;
            }
            number = null;
            lastUnit = unit;
            afterZero = false;
            i++;
        }

        if (!any)
        {
            return false;
        }
        if (number is { } tail)
        {
            // "三千五" = 3500, "一万二" = 12000: a bare digit after a unit means the next smaller unit.
            var shorthand = lastUnit >= 10 && !afterZero && tail < 10 && decimal.Truncate(tail) == tail;
            section += shorthand ? tail * (lastUnit / 10) : tail;
        }
        value = total + section;
        return true;
    }

    private static bool IsSpan(ReadOnlySpan<char> s, int i, decimal previous, int digit) =>
        digit == previous + 1 && i > 0 && Digit(s[i - 1]) > 0 && !char.IsAsciiDigit(s[i - 1])
        && i + 1 < s.Length && Unit(s[i + 1]) is > 0 and < 100_000_000;

    private static bool AllDigitChars(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (Digit(c) < 0 || char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    private static int Digit(char c) => c switch
    {
        '零' or '〇' => 0,
        '一' => 1,
        '二' or '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => -1,
    };

    private static decimal Unit(char c) => c switch
    {
        '十' => 10,
        '百' => 100,
        '千' or 'k' or 'K' => 1_000,
        '万' or 'w' or 'W' => 10_000,
        '亿' => 100_000_000,
        _ => 0,
    };
}
