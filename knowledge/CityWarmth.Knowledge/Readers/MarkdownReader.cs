using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using MarkdigTable = Markdig.Extensions.Tables.Table;
using MarkdigTableCell = Markdig.Extensions.Tables.TableCell;
using MarkdigTableRow = Markdig.Extensions.Tables.TableRow;

namespace CityWarmth.Knowledge.Readers;

/// <summary>
/// Markdown (CommonMark via Markdig): ATX/Setext headings keep their level; paragraphs keep their text; pipe tables
/// are read row by row with their headers (<see cref="TableText"/>).
/// </summary>
public sealed class MarkdownReader : IDocumentReader
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public IReadOnlyList<string> Extensions { get; } = [".md", ".markdown"];

    public IReadOnlyList<string> ContentTypes { get; } = ["text/markdown", "text/x-markdown"];

    public IReadOnlyList<SourceBlock> Read(Stream content)
    {
        using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var document = Markdown.Parse(reader.ReadToEnd(), Pipeline);
        var blocks = new List<SourceBlock>();
        Walk(document, blocks);
        return blocks;
    }

    private static void Walk(ContainerBlock container, List<SourceBlock> blocks)
    {
        foreach (var block in container)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    Add(blocks, Math.Clamp(heading.Level, 1, 6), heading.Inline);
                    break;
                case ParagraphBlock paragraph:
                    Add(blocks, 0, paragraph.Inline);
                    break;
                case MarkdigTable table:
                    AddTable(table, blocks);
                    break;
                case ListBlock list:
                    var number = list.IsOrdered && int.TryParse(list.OrderedStart, out var start) ? start : 1;
                    foreach (var item in list.OfType<ListItemBlock>())
                    {
                        var first = blocks.Count;
                        Walk(item, blocks);
                        if (blocks.Count > first && blocks[first].Kind == BlockKind.Paragraph)
                        {
                            blocks[first] = ListItems.Item(blocks[first].Text, list.IsOrdered ? number : null);
                        }

                        number++;
                    }

                    break;
                case ContainerBlock inner:
                    Walk(inner, blocks);
                    break;
            }
        }
    }

    private static void AddTable(MarkdigTable table, List<SourceBlock> blocks)
    {
        string? caption = null;
        if (blocks.Count > 0 && blocks[^1] is { Kind: BlockKind.Paragraph } above && TableText.LooksLikeCaption(above.Text))
        {
            caption = above.Text;
            blocks.RemoveAt(blocks.Count - 1);
        }

        var grid = new List<IReadOnlyList<string>>();
        var headerRows = 0;
        foreach (var row in table.OfType<MarkdigTableRow>())
        {
            var cells = new List<string>();
            foreach (var cell in row.OfType<MarkdigTableCell>())
            {
                var sb = new StringBuilder();
                foreach (var paragraph in cell.Descendants<ParagraphBlock>())
                {
                    AppendText(sb, paragraph.Inline?.FirstChild);
                    sb.Append(' ');
                }

                var text = sb.ToString().Trim();
                for (var i = 0; i < Math.Max(1, cell.ColumnSpan); i++)
                {
                    cells.Add(text);
                }
            }

            if (row.IsHeader && headerRows == grid.Count)
            {
                headerRows++;
            }

            grid.Add(cells);
        }

        blocks.AddRange(TableText.Rows(grid, headerRows, caption, TableText.ParagraphAbove(blocks)));
    }

    private static void Add(List<SourceBlock> blocks, int level, ContainerInline? inline)
    {
        var sb = new StringBuilder();
        AppendText(sb, inline?.FirstChild);
        var text = sb.ToString().Trim();
        if (text.Length > 0)
        {
            blocks.Add(new SourceBlock(level, text));
        }
    }

    private static void AppendText(StringBuilder sb, Inline? inline)
    {
        for (var current = inline; current is not null; current = current.NextSibling)
        {
            switch (current)
            {
                case LiteralInline literal:
                    sb.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    sb.Append(code.Content);
                    break;
                case LineBreakInline:
                    sb.Append(' ');
                    break;
                case ContainerInline container:
                    AppendText(sb, container.FirstChild);
                    break;
            }
        }
    }
}
