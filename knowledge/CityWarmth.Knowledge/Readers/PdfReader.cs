using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace CityWarmth.Knowledge.Readers;

/// <summary>PDF (PdfPig): each text line of each page is a paragraph. A PDF without a text layer is an error.</summary>
public sealed class PdfReader : IDocumentReader
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
            var blocks = new List<SourceBlock>();
            foreach (var page in document.GetPages())
            {
                var text = ContentOrderTextExtractor.GetText(page);
                foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    blocks.Add(new SourceBlock(0, line));
                }
            }

            if (blocks.Count == 0)
            {
                throw new PdfHasNoTextException(
                    $"The PDF has {document.NumberOfPages} page(s) but no text layer; it is probably a scan and needs OCR first.");
            }

            return blocks;
        }
    }
}
