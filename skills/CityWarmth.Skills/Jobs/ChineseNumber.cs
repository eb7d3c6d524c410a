using System.Globalization;

namespace CityWarmth.Skills.Jobs;

/// <summary>Reads amounts as workers type them: 6000, 6k, 8.5k, 1w, 六千, 六千五, 一万二, 两万, 三百, 五六千.</summary>
public static class ChineseNumber
{
    private const string Digits = "零〇一二两三四五六七八九";

    public static bool IsNumeral(char c) => Digits.Contains(c) || c is '十' or '百' or '千' or '万';

    /// <summary>Parses <paramref name="text"/> (already lower-case); for a span such as 五六千 the lower bound.</summary>
    public static bool TryParse(string text, out decimal value)
    {
        value = 0;
        var s = text.Trim();
        if (s.Length == 0)
        {
            return false;
        }

        if (char.IsAsciiDigit(s[0]))
        {
            return TryParseArabic(s, out value);
        }

        return TryParseChinese(s, out value);
    }

    private static bool TryParseArabic(string s, out decimal value)
    {
        value = 0;
        var end = 0;
        while (end < s.Length && (char.IsAsciiDigit(s[end]) || s[end] == '.'))
        {
            end++;
        }
        if (!decimal.TryParse(s[..end], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }
        var suffix = s[end..].Trim();
        value = suffix switch
        {
            "" => number,
            "k" or "千" => number * 1000,
            "w" or "万" => number * 10000,
            _ => -1,
        };
        return value >= 0;
    }

    private static bool TryParseChinese(string s, out decimal value)
    {
        value = 0;
        decimal total = 0;   // finished 万 sections
        decimal section = 0; // below 万
        decimal digit = -1;  // a digit waiting for its unit
        var lastUnit = 0m;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            var d = DigitValue(c);
            if (d >= 0)
            {
                // "五六千": two digits in a row give a span; keep the lower one.
                digit = digit >= 0 && d == digit + 1 ? digit : d;
                continue;
            }

            decimal unit = c switch
            {
                '十' => 10,
                '百' => 100,
                '千' => 1000,
                '万' => 10000,
                _ => 0,
            };
            if (unit == 0)
            {
                return false;
            }

            if (unit == 10000)
            {
                section += Math.Max(digit, 0);
                total += (section == 0 ? 1 : section) * 10000;
                section = 0;
            }
            else
            {
                section += (digit < 0 ? 1 : digit) * unit;
            }
            digit = -1;
            lastUnit = unit;
        }

        if (digit >= 0)
        {
            // A trailing digit after a unit counts in the next lower unit: 六千五 = 6500, 一万二 = 12000, 三百五 = 350.
            section += lastUnit switch
            {
                10000 => digit * 1000,
                1000 => digit * 100,
                100 => digit * 10,
                _ => digit,
            };
        }
        value = total + section;
        return value > 0;
    }

    private static int DigitValue(char c) => c switch
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
}
