using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CityWarmth.Knowledge.Readers;

/// <summary>Markdown (CommonMark via Markdig): ATX/Setext headings keep their level; paragraphs keep their text.</summary>
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
        foreach (var block in document.Descendants())
        {
            switch (block)
            {
                case HeadingBlock heading:
                    Add(blocks, Math.Clamp(heading.Level, 1, 6), heading.Inline);
                    break;
                case ParagraphBlock paragraph:
                    Add(blocks, 0, paragraph.Inline);
                    break;
            }
        }

        return blocks;
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
