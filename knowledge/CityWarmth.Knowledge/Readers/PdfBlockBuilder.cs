using System.Text;
using System.Text.RegularExpressions;

namespace CityWarmth.Knowledge.Readers;

/// <summary>
/// Turns a PDF's lines into blocks. The body's type size is the one most text is set in; larger lines are headings
/// (the larger, the higher). A line that fills the text width and is followed by one at the left margin wraps into
/// it. Consecutive lines whose words stand in the same columns are a table.
/// </summary>
internal sealed partial class PdfBlockBuilder
{
    private const double HeadingScale = 1.12;
    private const int MaxHeadingLength = 60;

    private readonly double _bodySize;
    private readonly double[] _headingSizes;

    public PdfBlockBuilder(IReadOnlyList<PdfLine> lines)
    {
        _bodySize = lines.Count == 0 ? 10 : lines
            .GroupBy(l => Rounded(l.Size))
            .OrderByDescending(g => g.Sum(l => l.Text.Length))
            .First().Key;
        _headingSizes = [.. lines.Where(IsHeading).Select(l => Rounded(l.Size)).Distinct().OrderDescending()];
    }

    public void AddPage(PdfPageLayout page, List<SourceBlock> blocks)
    {
        var body = page.Lines.Where(l => !IsHeading(l) && l.Segments.Count == 1).ToList();
        var margin = body.Count == 0 ? 0 : body.GroupBy(l => Math.Round(l.Left)).OrderByDescending(g => g.Count()).First().Key;
        var right = body.Count == 0 ? page.Width : body.Max(l => l.Right);
        var wide = right - margin >= 0.4 * page.Width;

        var paragraph = new StringBuilder();
        PdfLine? previous = null;
        void Flush()
        {
            if (paragraph.Length > 0)
            {
                blocks.Add(new SourceBlock(0, paragraph.ToString()));
                paragraph.Clear();
            }
        }

        for (var i = 0; i < page.Lines.Count; i++)
        {
            var line = page.Lines[i];
            if (line.Segments.Count >= 2 && TableRows(page.Lines, i) is { Count: >= 2 } rows)
            {
                Flush();
                AddTable(rows, blocks);
                i += rows.Sum(r => r.Lines) - 1;
                previous = null;
                continue;
            }

            if (IsHeading(line))
            {
                Flush();
                var level = Array.IndexOf(_headingSizes, Rounded(line.Size)) + 1;
                // A heading set on two lines is one heading.
                if (previous is not null && IsHeading(previous) && Rounded(previous.Size) == Rounded(line.Size)
                    && previous.Bottom - line.Top < line.Size && blocks[^1].HeadingLevel == level)
                {
                    blocks[^1] = blocks[^1] with { Text = Join(blocks[^1].Text, line.Text) };
                }
                else
                {
                    blocks.Add(new SourceBlock(Math.Clamp(level, 1, 6), line.Text));
                }

                previous = line;
                continue;
            }

            if (previous is not null && !IsHeading(previous) && Wraps(previous, line, margin, right, wide))
            {
                var joined = Join(paragraph.ToString(), line.Text);
                paragraph.Clear().Append(joined);
            }
            else
            {
                Flush();
                paragraph.Append(line.Text);
            }

            previous = line;
        }

        Flush();
    }

    private bool IsHeading(PdfLine line) =>
        line.Size >= _bodySize * HeadingScale && line.Text.Length <= MaxHeadingLength;

    // A line continues the paragraph above when that one ran to the right edge and this one starts at the margin
    // (an indented line opens a paragraph), in the same type, and does not start a numbered or bulleted item.
    private static bool Wraps(PdfLine above, PdfLine line, double margin, double right, bool wide) =>
        wide
        && Math.Abs(above.Size - line.Size) < 0.5
        && above.Segments.Count == 1 && line.Segments.Count == 1
        && above.Right >= right - 1.5 * line.Size
        && line.Left <= margin + 0.8 * line.Size
        && above.Bottom - line.Top <= 1.2 * line.Size
        && !ItemStart().IsMatch(line.Text);

    // The rows of a table starting at line <paramref name="start"/>: its first line's segments set the columns;
    // a line whose segments fall into distinct columns is a row, and one that follows closely is a cell's wrapped text.
    private static List<(string[] Cells, int Lines)> TableRows(IReadOnlyList<PdfLine> lines, int start)
    {
        var first = lines[start];
        var anchors = first.Segments.Select(s => s.Left).ToArray();
        var tolerance = first.Size;
        var rows = new List<(string[] Cells, int Lines)>();
        PdfLine? previous = null;
        for (var i = start; i < lines.Count; i++)
        {
            var line = lines[i];
            var columns = line.Segments.Select(s => Column(anchors, s.Left, tolerance)).ToArray();
            if (columns.Any(c => c < 0) || columns.Distinct().Count() != columns.Length || Math.Abs(line.Size - first.Size) > 0.5)
            {
                break;
            }

            var closeToPrevious = previous is not null && previous.Bottom - line.Top < 0.9 * line.Size;
            if (closeToPrevious && rows.Count > 0)
            {
                var (cells, count) = rows[^1];
                for (var s = 0; s < columns.Length; s++)
                {
                    cells[columns[s]] = Join(cells[columns[s]], line.Segments[s].Text);
                }

                rows[^1] = (cells, count + 1);
            }
            else if (line.Segments.Count >= 2)
            {
                var cells = Enumerable.Repeat(string.Empty, anchors.Length).ToArray();
                for (var s = 0; s < columns.Length; s++)
                {
                    cells[columns[s]] = line.Segments[s].Text;
                }

                rows.Add((cells, 1));
            }
            else
            {
                break;
            }

            previous = line;
        }

        return rows;
    }

    private static int Column(double[] anchors, double left, double tolerance)
    {
        for (var c = anchors.Length - 1; c >= 0; c--)
        {
            if (left >= anchors[c] - tolerance)
            {
                return c;
            }
        }

        return -1;
    }

    private static void AddTable(List<(string[] Cells, int Lines)> rows, List<SourceBlock> blocks)
    {
        string? caption = null;
        if (blocks.Count > 0 && blocks[^1] is { Kind: BlockKind.Paragraph } above && TableText.LooksLikeCaption(above.Text))
        {
            caption = above.Text;
            blocks.RemoveAt(blocks.Count - 1);
        }

        blocks.AddRange(TableText.Rows([.. rows.Select(r => (IReadOnlyList<string>)r.Cells)], null, caption, TableText.ParagraphAbove(blocks)));
    }

    private static string Join(string left, string right) =>
        left.Length > 0 && right.Length > 0 && char.IsAsciiLetterOrDigit(left[^1]) && char.IsAsciiLetterOrDigit(right[0])
            ? left + " " + right
            : left + right;

    private static double Rounded(double size) => Math.Round(size * 2) / 2;

    // Numbered or bulleted items: "一、", "(一)", "1.", "(1)", "①", "•", "-".
    [GeneratedRegex(@"^([一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．](?!\d)|[①-⑳•·▪■◆\-–])")]
    private static partial Regex ItemStart();
}
