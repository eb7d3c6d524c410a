namespace CityWarmth.Knowledge.Readers;

/// <summary>The readers for every supported format, chosen by file extension or content type.</summary>
public static class DocumentReaders
{
    /// <summary>All readers: .txt, .md, .html, .docx, .pdf.</summary>
    public static IReadOnlyList<IDocumentReader> All { get; } =
        [new PlainTextReader(), new MarkdownReader(), new HtmlReader(), new DocxReader(), new PdfReader()];

    /// <summary>True when <paramref name="path"/> has an extension some reader handles.</summary>
    public static bool IsSupported(string path) => TryForExtension(Path.GetExtension(path)) is not null;

    /// <exception cref="DocumentReadException">No reader handles the extension.</exception>
    public static IDocumentReader ForExtension(string extension) =>
        TryForExtension(extension) ?? throw new DocumentReadException($"Unsupported document type '{extension}'.");

    /// <exception cref="DocumentReadException">No reader handles the content type.</exception>
    public static IDocumentReader ForContentType(string contentType)
    {
        var mediaType = contentType.Split(';')[0].Trim();
        return All.FirstOrDefault(r => r.ContentTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
            ?? throw new DocumentReadException($"Unsupported content type '{mediaType}'.");
    }

    /// <summary>Reads a file with the reader for its extension.</summary>
    public static IReadOnlyList<SourceBlock> ReadFile(string path)
    {
        var reader = ForExtension(Path.GetExtension(path));
        using var stream = File.OpenRead(path);
        return reader.Read(stream);
    }

    private static IDocumentReader? TryForExtension(string extension) =>
        All.FirstOrDefault(r => r.Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase));
}
