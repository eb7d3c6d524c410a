using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace CityWarmth.Knowledge.Readers;

/// <summary>HTML (AngleSharp): h1-h6 are headings; the innermost text blocks (p, li, td, div...) are paragraphs.</summary>
public sealed class HtmlReader : IDocumentReader
{
    private const string BlockSelector = "h1,h2,h3,h4,h5,h6,p,li,td,th,dt,dd,pre,blockquote,div,section,article";

    public IReadOnlyList<string> Extensions { get; } = [".html", ".htm"];

    public IReadOnlyList<string> ContentTypes { get; } = ["text/html", "application/xhtml+xml"];

    public IReadOnlyList<SourceBlock> Read(Stream content)
    {
        var document = new HtmlParser().ParseDocument(content);
        foreach (var noise in document.QuerySelectorAll("script,style,noscript,template,nav").ToList())
        {
            noise.Remove();
        }

        var root = (IElement?)document.Body ?? document.DocumentElement;
        var blocks = new List<SourceBlock>();
        foreach (var element in root.QuerySelectorAll(BlockSelector))
        {
            // Only leaf blocks, so nested containers do not repeat their children's text.
            if (element.QuerySelector(BlockSelector) is not null)
            {
                continue;
            }

            var text = string.Join(' ', (element.TextContent ?? string.Empty)
                .Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            if (text.Length == 0)
            {
                continue;
            }

            var level = element.LocalName is ['h', >= '1' and <= '6'] name ? name[1] - '0' : 0;
            blocks.Add(new SourceBlock(level, text));
        }

        return blocks;
    }
}
