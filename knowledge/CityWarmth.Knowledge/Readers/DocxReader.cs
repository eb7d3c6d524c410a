using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace CityWarmth.Knowledge.Readers;

/// <summary>
/// Word .docx (Open XML SDK), in body order: paragraphs styled Heading n (or with an outline level) are headings,
/// a Title-styled paragraph or the title property is the document's title, and tables are read row by row with their
/// headers (<see cref="TableText"/>), a caption paragraph just above a table naming it.
/// </summary>
public sealed class DocxReader : IDocumentReader
{
    public IReadOnlyList<string> Extensions { get; } = [".docx"];

    public IReadOnlyList<string> ContentTypes { get; } =
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"];

    public IReadOnlyList<SourceBlock> Read(Stream content)
    {
        WordprocessingDocument document;
        try
        {
            document = WordprocessingDocument.Open(content, isEditable: false);
        }
        catch (Exception ex) when (ex is DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or IOException or InvalidDataException)
        {
            throw new DocumentReadException("The file is not a readable .docx document.", ex);
        }

        using (document)
        {
            var body = document.MainDocumentPart?.Document?.Body;
            if (body is null)
            {
                return [];
            }

            var styles = StyleNames(document.MainDocumentPart!.StyleDefinitionsPart?.Styles);
            var blocks = new List<SourceBlock>();
            Walk(body, styles, blocks);

            // The visible Title paragraph is what readers see; the title property is often left over from a template.
            if (!blocks.Any(b => b.Kind == BlockKind.Title) && DocumentTitles.FromProperty(document.PackageProperties.Title) is { } property)
            {
                blocks.Insert(0, SourceBlock.DocumentTitle(property));
            }

            return blocks;
        }
    }

    private static void Walk(OpenXmlElement container, IReadOnlyDictionary<string, string> styles, List<SourceBlock> blocks)
    {
        foreach (var element in container.ChildElements)
        {
            switch (element)
            {
                case Paragraph paragraph:
                    AddParagraph(paragraph, styles, blocks);
                    break;
                case Table table:
                    AddTable(table, styles, blocks);
                    break;
                default:
                    // Content controls, custom XML and the like wrap ordinary paragraphs and tables.
                    if (element.HasChildren && element is not Run)
                    {
                        Walk(element, styles, blocks);
                    }

                    break;
            }
        }
    }

    private static void AddParagraph(Paragraph paragraph, IReadOnlyDictionary<string, string> styles, List<SourceBlock> blocks)
    {
        var text = paragraph.InnerText.Trim();
        if (text.Length == 0)
        {
            return;
        }

        var style = StyleName(paragraph, styles);
        if (style == "title" && !blocks.Any(b => b.Kind == BlockKind.Title))
        {
            blocks.Add(SourceBlock.DocumentTitle(text));
            return;
        }

        var level = HeadingLevel(paragraph, style);
        if (level == 0 && style is null && IsBoldLine(paragraph, text))
        {
            // Documents typed without styles set their title and headings in bold: the first such line opening the
            // document is its title, later ones are headings.
            if (blocks.Count == 0)
            {
                blocks.Add(SourceBlock.DocumentTitle(text));
                return;
            }

            level = BoldHeadingLevel;
        }

        blocks.Add(new SourceBlock(level, text) { Caption = style == "caption" ? text : null });
    }

    private static void AddTable(Table table, IReadOnlyDictionary<string, string> styles, List<SourceBlock> blocks)
    {
        // A caption paragraph just above the table names it (and is not a paragraph of its own).
        string? caption = null;
        if (blocks.Count > 0 && blocks[^1] is { Kind: BlockKind.Paragraph } above && (above.Caption is not null || TableText.LooksLikeCaption(above.Text)))
        {
            caption = above.Text;
            blocks.RemoveAt(blocks.Count - 1);
        }

        var grid = new List<IReadOnlyList<string>>();
        var headerRows = 0;
        var headerDone = false;
        foreach (var row in table.Elements<TableRow>())
        {
            var cells = new List<string>();
            var column = 0;
            foreach (var cell in row.Elements<TableCell>())
            {
                var properties = cell.TableCellProperties;
                var span = Math.Max(1, properties?.GridSpan?.Val?.Value ?? 1);
                var text = string.Join(' ', cell.Descendants<Paragraph>().Select(p => p.InnerText.Trim()).Where(t => t.Length > 0));
                // A vertically merged cell continues the one above it.
                if (properties?.VerticalMerge is { } merge && (merge.Val is null || merge.Val.Value == MergedCellValues.Continue)
                    && grid.Count > 0 && column < grid[^1].Count)
                {
                    text = grid[^1][column];
                }

                for (var i = 0; i < span; i++)
                {
                    cells.Add(text);
                }

                column += span;
            }

            if (!headerDone && IsHeaderRow(row))
            {
                headerRows++;
            }
            else
            {
                headerDone = true;
            }

            grid.Add(cells);
        }

        blocks.AddRange(TableText.Rows(grid, headerRows > 0 ? headerRows : null, caption, TableText.ParagraphAbove(blocks)));
    }

    private const int BoldHeadingLevel = 2;
    private const int MaxBoldHeadingLength = 40;

    // A short line all in bold that is not a sentence.
    private static bool IsBoldLine(Paragraph paragraph, string text)
    {
        if (text.Length > MaxBoldHeadingLength || text[^1] is '。' or '；' or ';' or '：' or ':' or '，' or ',')
        {
            return false;
        }

        var runs = paragraph.Descendants<Run>().Where(r => r.InnerText.Trim().Length > 0).ToList();
        return runs.Count > 0 && runs.All(r => r.RunProperties?.Bold is { } bold && (bold.Val is null || bold.Val.Value));
    }

    // Word marks header rows to repeat on each page; otherwise a header row is usually all bold.
    private static bool IsHeaderRow(TableRow row)
    {
        if (row.TableRowProperties?.GetFirstChild<TableHeader>() is { } header && (header.Val is null || header.Val.Value == OnOffOnlyValues.On))
        {
            return true;
        }

        var runs = row.Descendants<Run>().Where(r => r.InnerText.Trim().Length > 0).ToList();
        return runs.Count > 0 && runs.All(r => r.RunProperties?.Bold is { } bold && (bold.Val is null || bold.Val.Value));
    }

    private static Dictionary<string, string> StyleNames(Styles? styles) =>
        styles?.Elements<Style>()
            .Where(s => s.StyleId?.Value is not null)
            .GroupBy(s => s.StyleId!.Value!)
            .ToDictionary(g => g.Key, g => g.First().StyleName?.Val?.Value ?? g.Key) ?? [];

    // Style ids vary by language ("Heading1", "1"); the style name ("heading 1", "Title") does not.
    private static string? StyleName(Paragraph paragraph, IReadOnlyDictionary<string, string> styles)
    {
        var styleId = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
        if (styleId is null)
        {
            return null;
        }

        var name = styles.GetValueOrDefault(styleId) ?? styleId;
        return name.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
    }

    private static int HeadingLevel(Paragraph paragraph, string? style)
    {
        if (paragraph.ParagraphProperties?.OutlineLevel?.Val?.Value is { } outline && outline < 6)
        {
            return outline + 1;
        }

        return style is not null && style.StartsWith("heading", StringComparison.Ordinal) && int.TryParse(style.AsSpan(7), out var level)
            ? Math.Clamp(level, 1, 6)
            : 0;
    }
}
