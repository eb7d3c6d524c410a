using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace CityWarmth.Knowledge.Readers;

/// <summary>
/// HTML (AngleSharp): the page's main article without its navigation, menus, breadcrumbs, sidebars and footer.
/// h1-h6 are headings, text blocks are paragraphs in reading order, tables are read row by row with their headers
/// (<see cref="TableText"/>). The title is the article's h1, else the &lt;title&gt; without the site's name.
/// </summary>
public sealed partial class HtmlReader : IDocumentReader
{
    // Never content.
    private const string Removed = "script,style,noscript,template,iframe,object,embed,svg,canvas,form,button,select,input,textarea,"
        + "nav,aside,[role=navigation],[role=banner],[role=contentinfo],[role=complementary],[role=search],[hidden],[aria-hidden=true]";

    private static readonly HashSet<string> BlockElements =
    [
        "address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p",
        "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    ];

    public IReadOnlyList<string> Extensions { get; } = [".html", ".htm"];

    public IReadOnlyList<string> ContentTypes { get; } = ["text/html", "application/xhtml+xml"];

    public IReadOnlyList<SourceBlock> Read(Stream content)
    {
        var document = new HtmlParser().ParseDocument(content);
        var pageTitle = DocumentTitles.FromHtmlTitle(document.Title);
        RemoveChrome(document);

        var root = MainContent(document);
        var blocks = new List<SourceBlock>();
        Walk(root, blocks);
        blocks.RemoveAll(b => b.Kind == BlockKind.Paragraph && IsPageFurniture(b.Text));

        var headings = blocks.Where(b => b.HeadingLevel == 1).ToList();
        var title = headings.Count == 1 ? headings[0].Text : pageTitle;
        if (title is not null)
        {
            blocks.Insert(0, SourceBlock.DocumentTitle(title));
        }

        return blocks;
    }

    // Navigation, menus, breadcrumbs, sidebars, footers and sharing bars, by element, role, class or id. A header
    // inside the article is the article's own (its h1), so only page-level headers go.
    private static void RemoveChrome(IDocument document)
    {
        foreach (var element in document.QuerySelectorAll(Removed).ToList())
        {
            element.Remove();
        }

        foreach (var element in document.QuerySelectorAll("header,footer").ToList())
        {
            if (element.Closest("article,main,[role=main]") is null)
            {
                element.Remove();
            }
        }

        var body = document.Body;
        var total = Math.Max(1, body?.TextContent.Length ?? 1);
        foreach (var element in (body?.QuerySelectorAll("[class],[id]") ?? Enumerable.Empty<IElement>()).ToList())
        {
            if (element.Parent is not null && IsChrome(element, total))
            {
                element.Remove();
            }
        }
    }

    // Names that always mean page chrome remove an element anywhere; names that could also name part of an article
    // ("header", "location", "links") only outside a marked article. Never the article's title or most of the page.
    private static bool IsChrome(IElement element, int pageText)
    {
        if (element.LocalName is "body" or "html" or "main" or "article" or "h1" or "h2" or "h3"
            || element.QuerySelector("h1") is not null
            || element.TextContent.Length * 5 > pageText * 2)
        {
            return false;
        }

        var names = $"{element.ClassName} {element.Id}";
        return ChromeName().IsMatch(names)
            || (PeripheralName().IsMatch(names) && element.Closest("article,main,[role=main]") is null);
    }

    // The article when the page marks one that holds most of the text; else the whole body.
    private static IElement MainContent(IDocument document)
    {
        var body = (IElement?)document.Body ?? document.DocumentElement;
        var total = body.TextContent.Length;
        var marked = body.QuerySelectorAll("main,[role=main],article")
            .OrderByDescending(e => e.TextContent.Length)
            .FirstOrDefault();
        return marked is not null && marked.TextContent.Length * 2 >= total ? marked : body;
    }

    private static void Walk(INode node, List<SourceBlock> blocks)
    {
        var inline = new StringBuilder();
        void Flush()
        {
            var text = Collapse(inline.ToString());
            inline.Clear();
            if (text.Length > 0)
            {
                blocks.Add(new SourceBlock(0, text));
            }
        }

        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    inline.Append(text.Data);
                    break;
                case IElement { LocalName: "br" }:
                    Flush();
                    break;
                case IElement element when element.LocalName is ['h', >= '1' and <= '6']:
                    Flush();
                    var heading = Collapse(element.TextContent);
                    if (heading.Length > 0)
                    {
                        blocks.Add(new SourceBlock(element.LocalName[1] - '0', heading));
                    }

                    break;
                case IElement { LocalName: "dl" } list:
                    // "办理材料" over "身份证、租赁合同" is one fact: "办理材料：身份证、租赁合同".
                    Flush();
                    string? term = null;
                    foreach (var entry in list.Children)
                    {
                        var text = Collapse(entry.TextContent);
                        if (entry.LocalName == "dt")
                        {
                            term = text;
                        }
                        else if (entry.LocalName == "dd" && text.Length > 0)
                        {
                            blocks.Add(new SourceBlock(0, term is { Length: > 0 } ? $"{term.TrimEnd(':', '：')}：{text}" : text));
                        }
                    }

                    break;
                case IElement { LocalName: "li" } item:
                    Flush();
                    var first = blocks.Count;
                    Walk(item, blocks);
                    if (blocks.Count > first && blocks[first].Kind == BlockKind.Paragraph)
                    {
                        blocks[first] = ListItems.Item(blocks[first].Text, item.ParentElement?.LocalName == "ol" ? NumberOf(item) : null);
                    }

                    break;
                case IElement { LocalName: "table" } table when IsLayoutTable(table):
                    // Older sites lay out the whole page in a table: its cells are content, not data.
                    Flush();
                    foreach (var cell in table.QuerySelectorAll("td,th").Where(c => c.Closest("table") == table))
                    {
                        Walk(cell, blocks);
                    }

                    break;
                case IElement { LocalName: "table" } table:
                    Flush();
                    AddTable(table, blocks);
                    break;
                case IElement element when BlockElements.Contains(element.LocalName):
                    Flush();
                    Walk(element, blocks);
                    Flush();
                    break;
                case IElement element:
                    // Inline mark-up (a, span, strong...) may still hold a block (a link around a paragraph).
                    if (element.QuerySelector(string.Join(',', BlockElements)) is null)
                    {
                        inline.Append(element.TextContent);
                    }
                    else
                    {
                        Flush();
                        Walk(element, blocks);
                    }

                    break;
            }
        }

        Flush();
    }

    private static void AddTable(IElement table, List<SourceBlock> blocks)
    {
        var caption = Collapse(table.QuerySelector("caption")?.TextContent ?? string.Empty);
        if (caption.Length == 0 && blocks.Count > 0 && blocks[^1] is { Kind: BlockKind.Paragraph } above && TableText.LooksLikeCaption(above.Text))
        {
            caption = above.Text;
            blocks.RemoveAt(blocks.Count - 1);
        }

        // Rows of this table only (not of tables nested in its cells), with row and column spans spread out.
        var rows = table.QuerySelectorAll("tr").Where(r => r.Closest("table") == table).ToList();
        var grid = new List<string?[]>();
        var width = 0;
        var headerRows = 0;
        var headerDone = false;
        for (var r = 0; r < rows.Count; r++)
        {
            while (grid.Count <= r)
            {
                grid.Add([]);
            }

            var column = 0;
            var cells = rows[r].Children.Where(c => c.LocalName is "td" or "th").ToList();
            foreach (var cell in cells)
            {
                while (column < grid[r].Length && grid[r][column] is not null)
                {
                    column++;
                }

                var text = Collapse(cell.TextContent);
                var colSpan = Math.Clamp(Span(cell, "colspan"), 1, 50);
                var rowSpan = Math.Clamp(Span(cell, "rowspan"), 1, rows.Count - r);
                for (var dr = 0; dr < rowSpan; dr++)
                {
                    while (grid.Count <= r + dr)
                    {
                        grid.Add([]);
                    }

                    for (var dc = 0; dc < colSpan; dc++)
                    {
                        var target = grid[r + dr];
                        if (target.Length <= column + dc)
                        {
                            Array.Resize(ref target, column + dc + 1);
                            grid[r + dr] = target;
                        }

                        target[column + dc] = text;
                    }
                }

                column += colSpan;
            }

            width = Math.Max(width, grid[r].Length);
            var isHeader = cells.Count > 0 && (rows[r].ParentElement?.LocalName == "thead" || cells.All(c => c.LocalName == "th"));
            if (!headerDone && isHeader)
            {
                headerRows++;
            }
            else
            {
                headerDone = true;
            }
        }

        var filled = grid.Select(row => (IReadOnlyList<string>)[.. Enumerable.Range(0, width).Select(c => c < row.Length ? row[c] ?? string.Empty : string.Empty)]).ToList();
        blocks.AddRange(TableText.Rows(filled, headerRows > 0 ? headerRows : null, caption.Length > 0 ? caption : null, TableText.ParagraphAbove(blocks)));
    }

    private static int NumberOf(IElement item)
    {
        var list = item.ParentElement!;
        var start = int.TryParse(list.GetAttribute("start"), out var s) ? s : 1;
        return start + list.Children.Where(c => c.LocalName == "li").TakeWhile(c => c != item).Count();
    }

    // A data table holds short values; a table whose cells hold headings, other tables or long text lays out a page.
    private static bool IsLayoutTable(IElement table) =>
        table.QuerySelector("table,h1,h2,h3,h4,h5,h6") is not null
        || table.QuerySelectorAll("td,th").Any(c => Collapse(c.TextContent).Length > MaxDataCellLength);

    private const int MaxDataCellLength = 200;

    private static int Span(IElement cell, string attribute) =>
        int.TryParse(cell.GetAttribute(attribute), out var span) ? span : 1;

    private static string Collapse(string text) =>
        string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t', '\u00A0'], StringSplitOptions.RemoveEmptyEntries));

    // Lines every page of a site carries around the article: where you are, page counters, print and share links,
    // the site's sponsor, copyright and registration numbers.
    private static bool IsPageFurniture(string text) => text.Length <= 120 && PageFurniture().IsMatch(text);

    [GeneratedRegex(@"(^|[\s_-])(nav|navbar|navigation|mainnav|subnav|menu|menus|menubar|submenu|breadcrumbs?|crumbs?|copyright|share|social|pagination|pager|skip|toolbar)($|[\s_-])", RegexOptions.IgnoreCase)]
    private static partial Regex ChromeName();

    [GeneratedRegex(@"(^|[\s_-])(header|head|footer|foot|sidebar|side|aside|location|position|topbar|top|banner|related|links|friend|search|tabs|ad|ads)($|[\s_-])", RegexOptions.IgnoreCase)]
    private static partial Regex PeripheralName();

    [GeneratedRegex(@"^(当前位置|您现在的位置|你的位置|您的位置)|浏览次数|阅读次数|点击数|访问量|【\s*(打印|关闭|返回)|打印本页|关闭窗口|分享到|字号\s*[:：]|版权所有|copyright|©|icp备|网站标识码|公网安备|主办单位|承办单位|技术支持", RegexOptions.IgnoreCase)]
    private static partial Regex PageFurniture();
}
