using System.Text;
using System.Text.RegularExpressions;

namespace CityWarmth.Knowledge.Readers;

/// <summary>
/// Writes a table as one line per row that keeps each value with its column header, so that a row can be found,
/// quoted and understood on its own: "城南区 · 受理地址：南湖路203号 · 咨询电话：0000-5860432". The first cell names the
/// row; the others are "header：value". Readers give the grid with merged cells already spread over the cells they cover.
/// </summary>
public static partial class TableText
{
    /// <summary>Between the cells of a row line; no prose writes a spaced middle dot, so it also marks a line as a row.</summary>
    public const string Separator = " · ";

    private const int MaxCaptionLength = 40;

    /// <summary>True when <paramref name="line"/> is a table row written by <see cref="Rows"/>.</summary>
    public static bool IsRow(string line) => line.Contains(Separator, StringComparison.Ordinal);

    /// <summary>The cells of a row line.</summary>
    public static string[] Cells(string line) => line.Split(Separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// The rows of a table as blocks. <paramref name="headerRows"/> leading rows are its header (several header rows
    /// are joined per column); null lets the first row be the header when it looks like one. A unit named in the
    /// caption or in the paragraph just above (<paramref name="above"/>: "标准如下(单位：元)") is added to bare numbers.
    /// </summary>
    public static IEnumerable<SourceBlock> Rows(IReadOnlyList<IReadOnlyList<string>> grid, int? headerRows, string? caption, string? above = null)
    {
        var rows = grid.Select(r => r.Select(Flatten).ToArray()).Where(r => r.Any(c => c.Length > 0)).ToList();
        if (rows.Count == 0)
        {
            yield break;
        }

        var width = rows.Max(r => r.Length);
        var headerCount = Math.Min(headerRows ?? GuessHeaderRows(rows), rows.Count);
        var headers = new string[width];
        for (var c = 0; c < width; c++)
        {
            var parts = rows.Take(headerCount).Select(r => c < r.Length ? r[c] : string.Empty).Where(p => p.Length > 0).Distinct();
            headers[c] = string.Join(' ', parts);
        }

        var unit = UnitIn(caption) ?? UnitIn(above);
        var skipped = Enumerable.Range(0, width).Where(c => SequenceHeader().IsMatch(headers[c])).ToHashSet();
        foreach (var row in rows.Skip(headerCount))
        {
            var text = RowText(row, headers, skipped, unit);
            if (text.Length > 0)
            {
                yield return SourceBlock.TableRow(text, caption);
            }
        }
    }

    /// <summary>The paragraph read just before a table, which may name its unit.</summary>
    public static string? ParagraphAbove(IReadOnlyList<SourceBlock> blocks) =>
        blocks.Count > 0 && blocks[^1].Kind == BlockKind.Paragraph ? blocks[^1].Text : null;

    /// <summary>
    /// True when a paragraph just above a table reads as its caption: short, not a sentence, and named like a table
    /// ("表1 …", "…一览表", "…标准").
    /// </summary>
    public static bool LooksLikeCaption(string text)
    {
        var t = text.Trim();
        return t.Length is > 1 and <= MaxCaptionLength
            && t[^1] is not ('。' or '；' or ';' or '：' or ':' or '，' or ',' or '！' or '？' or '!' or '?')
            && CaptionWords().IsMatch(t);
    }

    private static string? UnitIn(string? text) =>
        text is not null && UnitInCaption().Match(text) is { Success: true } m ? m.Groups["unit"].Value : null;

    private static string RowText(string[] row, string[] headers, HashSet<int> skipped, string? unit)
    {
        var sb = new StringBuilder();
        var previous = string.Empty;
        for (var c = 0; c < row.Length; c++)
        {
            var value = row[c];
            // A merged cell repeats across the columns it covers: say it once.
            if (value.Length == 0 || skipped.Contains(c) || value == previous)
            {
                continue;
            }

            previous = value;
            if (unit is not null && BareNumber().IsMatch(value))
            {
                value += unit;
            }

            if (sb.Length > 0)
            {
                sb.Append(Separator);
                var header = headers[c];
                if (header.Length > 0 && !value.StartsWith(header, StringComparison.Ordinal))
                {
                    sb.Append(header).Append('：');
                }
            }

            sb.Append(value);
        }

        return sb.ToString();
    }

    // A header row names its columns: every cell filled, short, and no figures (figures are data). A header cell
    // spanning columns ("咨询方式" over "单位" and "电话") is named again in the row below.
    private static int GuessHeaderRows(List<string[]> rows)
    {
        if (rows.Count < 2 || !LooksLikeHeader(rows[0], allFilled: true))
        {
            return 0;
        }

        var spans = rows[0].Zip(rows[0].Skip(1)).Any(pair => pair.First == pair.Second);
        return spans && rows.Count > 2 && LooksLikeHeader(rows[1], allFilled: false) ? 2 : 1;
    }

    private static bool LooksLikeHeader(string[] row, bool allFilled) =>
        row.Length > 1 && row.Count(c => c.Length > 0) > 1
        && row.All(c => (!allFilled || c.Length > 0) && c.Length <= 20 && !c.Any(char.IsAsciiDigit));

    private static string Flatten(string cell) =>
        string.Join(' ', cell.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Replace(Separator, " ", StringComparison.Ordinal).Trim();

    [GeneratedRegex(@"^(序号|编号|No\.?|#)$", RegexOptions.IgnoreCase)]
    private static partial Regex SequenceHeader();

    [GeneratedRegex(@"单位\s*[:：]\s*(?<unit>[^\s)）,，;；]+)")]
    private static partial Regex UnitInCaption();

    [GeneratedRegex(@"^\d+(\.\d+)?$")]
    private static partial Regex BareNumber();

    [GeneratedRegex(@"^(附)?表\s*[0-9一二三四五六七八九十]*[\s:：.、]|表$|一览|清单|名单|名录|目录|标准|明细|汇总")]
    private static partial Regex CaptionWords();
}
