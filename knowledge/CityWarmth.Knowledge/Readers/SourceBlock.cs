namespace CityWarmth.Knowledge.Readers;

/// <summary>What a block of a source document is.</summary>
public enum BlockKind
{
    Paragraph,
    Heading,

    /// <summary>An item of a list: text, even when it starts with a number like a heading does ("1.身份证；").</summary>
    ListItem,

    /// <summary>One row of a table, its cells labelled with the column headers (<see cref="TableText"/>).</summary>
    TableRow,

    /// <summary>The document's title as the file itself records it (Word's title property, HTML &lt;title&gt;, PDF info); not text to index.</summary>
    Title,
}

/// <summary>One block of a source document as read: a heading (level 1-6), a paragraph, a table row or the title, in order.</summary>
/// <param name="HeadingLevel">0 for a paragraph; 1-6 for a heading marked up as such (Markdown #, HTML h1-h6, Word styles).</param>
/// <param name="Text">The block's text as written (not cleaned).</param>
/// <param name="Line">1-based line number in line-oriented formats (.txt), otherwise 0.</param>
public sealed record SourceBlock(int HeadingLevel, string Text, int Line = 0)
{
    public BlockKind Kind { get; init; } = HeadingLevel > 0 ? BlockKind.Heading : BlockKind.Paragraph;

    /// <summary>For a table row: the table's caption, when it has one; it names the rows' section.</summary>
    public string? Caption { get; init; }

    public bool IsHeading => Kind == BlockKind.Heading;

    public static SourceBlock TableRow(string text, string? caption) => new(0, text) { Kind = BlockKind.TableRow, Caption = caption };

    public static SourceBlock DocumentTitle(string text) => new(0, text) { Kind = BlockKind.Title };
}
