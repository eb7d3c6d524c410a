using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;

namespace CityWarmth.Knowledge.Readers;

/// <summary>
/// PDF (PdfPig), from the position and size of its words: lines in a larger type than the body are headings,
/// wrapped lines are joined back into paragraphs, lines whose words stand in aligned columns are read as table rows
/// (<see cref="TableText"/>), and page numbers are dropped. The title is the document's Title entry, else its first
/// heading. A PDF without a text layer is an error.
/// </summary>
public sealed partial class PdfReader : IDocumentReader
{
    public IReadOnlyList<string> Extensions { get; } = [".pdf"];

    public IReadOnlyList<string> ContentTypes { get; } = ["application/pdf"];

    public IReadOnlyList<SourceBlock> Read(Stream content)
    {
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(content);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new DocumentReadException("The file is not a readable PDF document.", ex);
        }

        using (document)
        {
            var pages = new List<PdfPageLayout>();
            foreach (var page in document.GetPages())
            {
                var lines = PdfLine.FromWords(page.GetWords(NearestNeighbourWordExtractor.Instance))
                    .Where(l => !PageNumber().IsMatch(l.Text))
                    .ToList();
                pages.Add(new PdfPageLayout(page.Width, lines));
            }

            if (pages.All(p => p.Lines.Count == 0))
            {
                throw new PdfHasNoTextException(
                    $"The PDF has {document.NumberOfPages} page(s) but no text layer; it is probably a scan and needs OCR first.");
            }

            var blocks = new List<SourceBlock>();
            if (DocumentTitles.FromProperty(document.Information.Title) is { } title)
            {
                blocks.Add(SourceBlock.DocumentTitle(title));
            }

            var layout = new PdfBlockBuilder(pages.SelectMany(p => p.Lines).ToList());
            foreach (var page in pages)
            {
                layout.AddPage(page, blocks);
            }

            return blocks;
        }
    }

    // "3", "- 3 -", "第3页", "第 3 页 共 10 页", "3/10".
    [GeneratedRegex(@"^([-—–\s]*\d{1,4}[-—–\s]*|第\s*\d{1,4}\s*页(\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$")]
    private static partial Regex PageNumber();
}

/// <summary>The lines of one page and its width.</summary>
internal sealed record PdfPageLayout(double Width, IReadOnlyList<PdfLine> Lines);

/// <summary>
/// A line of text: its words left to right, grouped into segments where a wide gap separates them (table columns).
/// </summary>
internal sealed class PdfLine
{
    private PdfLine(List<Word> words)
    {
        words.Sort((a, b) => a.BoundingBox.Left.CompareTo(b.BoundingBox.Left));
        Size = Median(words.SelectMany(w => w.Letters).Select(l => l.PointSize > 1 ? l.PointSize : l.BoundingBox.Height));
        Left = words[0].BoundingBox.Left;
        Right = words.Max(w => w.BoundingBox.Right);
        Top = words.Max(w => w.BoundingBox.Top);
        Bottom = words.Min(w => w.BoundingBox.Bottom);

        var segments = new List<(double Left, double Right, StringBuilder Text)>();
        foreach (var word in words)
        {
            var gap = segments.Count == 0 ? double.MaxValue : word.BoundingBox.Left - segments[^1].Right;
            if (gap >= ColumnGap * Size)
            {
                segments.Add((word.BoundingBox.Left, word.BoundingBox.Right, new StringBuilder(word.Text)));
                continue;
            }

            var last = segments[^1];
            // Words of Latin text are separated by spaces; Chinese text runs on.
            if (gap > 0.15 * Size && IsLatin(last.Text[^1]) && IsLatin(word.Text[0]))
            {
                last.Text.Append(' ');
            }

            last.Text.Append(word.Text);
            segments[^1] = (last.Left, Math.Max(last.Right, word.BoundingBox.Right), last.Text);
        }

        Segments = [.. segments.Select(s => new PdfSegment(s.Left, s.Right, s.Text.ToString().Trim()))];
        Text = string.Join(' ', Segments.Select(s => s.Text));
    }

    /// <summary>A gap of this many type sizes between words separates table columns.</summary>
    public const double ColumnGap = 1.5;

    public double Size { get; }
    public double Left { get; }
    public double Right { get; }
    public double Top { get; }
    public double Bottom { get; }
    public IReadOnlyList<PdfSegment> Segments { get; }
    public string Text { get; }

    /// <summary>Groups words into lines, top to bottom: words whose vertical middles are close share a line.</summary>
    public static IEnumerable<PdfLine> FromWords(IEnumerable<Word> words)
    {
        var lines = new List<(double Middle, double Height, List<Word> Words)>();
        foreach (var word in words.Where(w => !string.IsNullOrWhiteSpace(w.Text)).OrderByDescending(w => w.BoundingBox.Top))
        {
            var middle = (word.BoundingBox.Top + word.BoundingBox.Bottom) / 2;
            var height = Math.Max(1, word.BoundingBox.Height);
            var index = lines.FindIndex(l => Math.Abs(l.Middle - middle) <= 0.5 * Math.Max(l.Height, height));
            if (index < 0)
            {
                lines.Add((middle, height, [word]));
            }
            else
            {
                lines[index].Words.Add(word);
            }
        }

        return lines.OrderByDescending(l => l.Middle).Select(l => new PdfLine(l.Words));
    }

    private static bool IsLatin(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or ',' or ';' or ':' or ')' or '(';

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 10 : sorted[sorted.Length / 2];
    }
}

/// <summary>A run of words within a line, set apart from the next by a column gap.</summary>
internal sealed record PdfSegment(double Left, double Right, string Text);
