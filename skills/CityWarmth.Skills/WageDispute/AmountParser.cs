using CityWarmth.Skills.Text;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CityWarmth.Skills.WageDispute;

/// <summary>An amount of money in yuan; <see cref="Approximate"/> when the worker said "多", "左右"...</summary>
public sealed record ParsedAmount(decimal Yuan, bool Approximate)
{
    public string Display => (Approximate ? "约" : string.Empty) + FormatYuan(Yuan);

    public static string FormatYuan(decimal yuan) => yuan.ToString("0.##", CultureInfo.InvariantCulture) + "元";
}

/// <summary>
/// Reads amounts owed: "三千五", "1.2万", "12000元", "一万二", "两万三千", "八千多", "3k", "¥8,500", "兩萬".
/// Pure and culture-invariant; never throws.
/// </summary>
public static partial class AmountParser
{
    private const decimal MaxYuan = 100_000_000m;

    /// <summary>Reads the answer to "how much is owed?": a bare number is accepted.</summary>
    public static ParsedAmount? Parse(string? answer) => Scan(answer, lenient: true);

    /// <summary>Finds an amount inside a longer message; needs a money cue (元, 万, "欠"...).</summary>
    public static ParsedAmount? Find(string? text) => Scan(text, lenient: false);

    private static ParsedAmount? Scan(string? input, bool lenient)
    {
        var text = ThousandsSeparator().Replace(WageText.Normalize(input), string.Empty);
        ParsedAmount? weak = null;
        foreach (Match m in ChineseNumber.Run().Matches(text))
        {
            if (!ChineseNumber.TryParse(m.ValueSpan, out var value) || value < 1 || value > MaxYuan)
            {
                continue;
            }

            var before = text[..m.Index];
            var after = text[(m.Index + m.Length)..];
            var approxMarker = ApproxSuffix().Match(after);
            var rest = after[approxMarker.Length..];
            if (NotMoney().IsMatch(rest) || before.EndsWith('第'))
            {
                continue;
            }

            var approximate = approxMarker.Success && approxMarker.Length > 0
                || ApproxPrefix().IsMatch(before)
                || ApproxTail().IsMatch(rest);
            var hasUnit = m.Value.AsSpan().IndexOfAny("十百千万亿kKwW") >= 0;
            var strong = MoneySuffix().IsMatch(rest) || CurrencyPrefix().IsMatch(before)
                || (hasUnit && value >= 100);
            var candidate = new ParsedAmount(value, approximate);
            if (strong)
            {
                return candidate;
            }
            if (weak is null && (lenient || (OweContext().IsMatch(before) && value >= 100)))
            {
                weak = candidate;
            }
        }
        return weak;
    }

    [GeneratedRegex(@"(?<=\d),(?=\d{3}(?!\d))")]
    private static partial Regex ThousandsSeparator();

    [GeneratedRegex(@"^(多|余|来|几)+")]
    private static partial Regex ApproxSuffix();

    [GeneratedRegex(@"(大概|大约|约|差不多|将近|接近|估计|可能|起码|至少)\s*[¥]?\s*$")]
    private static partial Regex ApproxPrefix();

    [GeneratedRegex(@"^\s*(元|块|圆)?(钱)?\s*(左右|上下|出头|不到)")]
    private static partial Regex ApproxTail();

    [GeneratedRegex(@"^\s*(元|块|圆|rmb|RMB|人民币)")]
    private static partial Regex MoneySuffix();

    [GeneratedRegex(@"(¥|RMB|rmb|人民币)\s*$")]
    private static partial Regex CurrencyPrefix();

    [GeneratedRegex(@"^\s*(个|年|月|日|号|天|点|岁|人|名|位|次|层|栋|楼|期|周|星期|小时|分|%|米|斤|公斤|吨|平|倍|级|套|间|台|辆|趟|户|家|[-/.:]\d)")]
    private static partial Regex NotMoney();

    [GeneratedRegex(@"(欠|欠了|欠我|欠我们|工资|工钱|薪水|钱|一共|总共|共|差|还差|欠款|合计|拖欠|没给|没发|没结)\s*$")]
    private static partial Regex OweContext();
}
