namespace CityWarmth.Knowledge.Documents;

/// <summary>Which part of a document a passage comes from; the document's own text ranks above the rest.</summary>
public enum PassagePart
{
    /// <summary>The document's own text.</summary>
    Body,

    /// <summary>A summary printed with the document (e.g. a news report); ranks below the body.</summary>
    Summary,

    /// <summary>The closing signature (issuers and date); shown on the page, not searched.</summary>
    Signature,
}

/// <summary>A loaded document: its metadata and its passages in reading order.</summary>
public sealed record PolicyDocument(
    string Id,
    string Title,
    string Issuer,
    DateOnly? Date,
    string? Region,
    string Kind,
    bool IsSample,
    string SourceFile,
    IReadOnlyList<PolicyPassage> Passages);

/// <summary>
/// One passage: a section (or part of one) with the path of headings above it. Texts are cleaned of source
/// defects and shown in simplified script.
/// </summary>
/// <param name="Id">Stable id, usable in a URL (<c>chengnuan-2023-p07</c>).</param>
/// <param name="SectionKey">The section's number path, e.g. <c>二(四)</c>; empty before the first heading.</param>
/// <param name="Heading">The section heading as written (simplified), e.g. <c>(四)改善农民工居住条件</c>.</param>
/// <param name="SectionPath">Headings from the top of the document down to this passage.</param>
/// <param name="Text">The passage text including its heading line.</param>
/// <param name="Title">Title of the text the passage belongs to (the document, or the summary's source).</param>
/// <param name="Issuer">Issuer of that text.</param>
/// <param name="Date">Date of that text.</param>
public sealed record PolicyPassage(
    string Id,
    string DocumentId,
    int Ordinal,
    PassagePart Part,
    string SectionKey,
    string Heading,
    IReadOnlyList<string> SectionPath,
    string Text,
    string Title,
    string Issuer,
    DateOnly? Date);
