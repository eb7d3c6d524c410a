namespace CityWarmth.Knowledge.Readers;

/// <summary>Reads one document format into an ordered list of headings and paragraphs.</summary>
public interface IDocumentReader
{
    /// <summary>File extensions handled, lower case with the dot (".md").</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>MIME content types handled ("text/markdown").</summary>
    IReadOnlyList<string> ContentTypes { get; }

    /// <exception cref="DocumentReadException">The content cannot be read as this format or holds no text.</exception>
    IReadOnlyList<SourceBlock> Read(Stream content);
}

/// <summary>A document could not be read (corrupt file, unknown format, or a PDF without a text layer).</summary>
public class DocumentReadException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A PDF whose pages carry no text (a scan); it needs OCR before it can be indexed.</summary>
public sealed class PdfHasNoTextException(string message) : DocumentReadException(message);
