using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace CityWarmth.Knowledge.Readers;

/// <summary>Word .docx (Open XML SDK): paragraphs styled Title/Heading n (or with an outline level) are headings.</summary>
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

            var styles = document.MainDocumentPart!.StyleDefinitionsPart?.Styles;
            var blocks = new List<SourceBlock>();
            foreach (var paragraph in body.Descendants<Paragraph>())
            {
                var text = paragraph.InnerText.Trim();
                if (text.Length > 0)
                {
                    blocks.Add(new SourceBlock(HeadingLevel(paragraph, styles), text));
                }
            }

            return blocks;
        }
    }

    private static int HeadingLevel(Paragraph paragraph, Styles? styles)
    {
        var properties = paragraph.ParagraphProperties;
        if (properties?.OutlineLevel?.Val?.Value is { } outline && outline < 6)
        {
            return outline + 1;
        }

        var styleId = properties?.ParagraphStyleId?.Val?.Value;
        if (styleId is null)
        {
            return 0;
        }

        // Style ids vary by language ("Heading1", "1"); the style name ("heading 1", "Title") does not.
        var name = styles?.Elements<Style>().FirstOrDefault(s => s.StyleId?.Value == styleId)?.StyleName?.Val?.Value ?? styleId;
        var compact = name.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        if (compact == "title")
        {
            return 1;
        }

        return compact.StartsWith("heading", StringComparison.Ordinal) && int.TryParse(compact.AsSpan(7), out var level)
            ? Math.Clamp(level, 1, 6)
            : 0;
    }
}
