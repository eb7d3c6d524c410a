namespace CityWarmth.Knowledge.Readers;

/// <summary>One block of a source document as read: a heading (level 1-6) or a paragraph (level 0), in order.</summary>
/// <param name="HeadingLevel">0 for a paragraph; 1-6 for a heading marked up as such (Markdown #, HTML h1-h6, Word styles).</param>
/// <param name="Text">The block's text as written (not cleaned).</param>
/// <param name="Line">1-based line number in line-oriented formats (.txt), otherwise 0.</param>
public sealed record SourceBlock(int HeadingLevel, string Text, int Line = 0)
{
    public bool IsHeading => HeadingLevel > 0;
}
