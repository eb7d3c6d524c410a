using System.Text;

namespace CityWarmth.Knowledge.Readers;

/// <summary>Plain text (UTF-8, BOM optional): every non-blank line is a paragraph with its line number.</summary>
public sealed class PlainTextReader : IDocumentReader
{
    public IReadOnlyList<string> Extensions { get; } = [".txt"];

    public IReadOnlyList<string> ContentTypes { get; } = ["text/plain"];

    public IReadOnlyList<SourceBlock> Read(Stream content)
    {
        using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var blocks = new List<SourceBlock>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                blocks.Add(new SourceBlock(0, line.Trim(), number));
            }
        }

        return blocks;
    }
}
