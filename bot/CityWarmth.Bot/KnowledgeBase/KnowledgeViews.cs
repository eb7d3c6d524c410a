using CityWarmth.Knowledge.Documents;
using CityWarmth.Knowledge.Search;
using CityWarmth.Knowledge.Versions;

namespace CityWarmth.Bot.KnowledgeBase;

/// <summary>Metadata given with an upload; missing fields keep the replaced document's values or defaults.</summary>
public sealed record DocumentInput(
    string? DocumentId = null,
    string? Title = null,
    string? Issuer = null,
    string? DocumentNumber = null,
    DateOnly? Date = null,
    string? Region = null,
    DateOnly? EffectiveFrom = null,
    DateOnly? ExpiresOn = null);

public sealed record PassageView(string Id, string Part, string SectionKey, string Heading, IReadOnlyList<string> SectionPath, string Text)
{
    public static PassageView From(PolicyPassage p) =>
        new(p.Id, p.Part.ToString().ToLowerInvariant(), p.SectionKey, p.Heading, p.SectionPath, p.Text);
}

/// <param name="Status">In the draft: <c>unchanged</c>, <c>added</c>, <c>replaced</c> or <c>retired</c>; otherwise <c>published</c>.</param>
public sealed record DocumentView(
    string Id, int Version, string Status, string Title, string Issuer, string? DocumentNumber, DateOnly? Date,
    string? Region, DateOnly? EffectiveFrom, DateOnly? ExpiresOn, string FileName, string ContentType, long SizeBytes,
    int PassageCount, string UploadedBy, DateTimeOffset UploadedAt)
{
    internal static DocumentView From(KbDocument d, string status) => new(d.DocumentId, d.VersionNumber, status, d.Title,
        d.Issuer, d.DocumentNumber, d.Date, d.Region, d.EffectiveFrom, d.ExpiresOn, d.FileName, d.ContentType,
        d.SizeBytes, d.PassageCount, d.UploadedBy, d.UploadedAt);
}

public sealed record StagedDocument(DocumentView Document, IReadOnlyList<PassageView> Passages);

public sealed record DocumentList(int? DraftVersion, int PublishedVersion, IReadOnlyList<DocumentView> Draft, IReadOnlyList<DocumentView> Published);

public sealed record VersionView(int Number, string Status, bool IsCurrent, DateTimeOffset CreatedAt, string CreatedBy,
    int? BasedOn, DateTimeOffset? PublishedAt, string? PublishedBy, int Documents, string? ContentHash)
{
    internal static VersionView From(KbVersion v, int current, int documents) => new(v.Number, v.Status, v.Number == current,
        v.CreatedAt, v.CreatedBy, v.BasedOn, v.PublishedAt, v.PublishedBy, documents, v.ContentHash);
}

public sealed record SearchHitView(int Rank, string PassageId, string DocumentId, string DocumentTitle, string SectionKey,
    string Heading, double Score, string Answer, string Text);

public sealed record SearchView(string Question, string Version, double Confidence, IReadOnlyList<SearchHitView> Hits)
{
    internal static SearchView From(string version, PolicySearchResult result) => new(result.Question, version, result.Confidence,
        [.. result.Hits.Select((h, i) => new SearchHitView(i + 1, h.PassageId, h.DocumentId, h.DocumentTitle, h.SectionKey,
            h.Heading, Math.Round(h.Score, 4), h.Answer, h.Text))]);
}

public sealed record RegressionView(int Questions, double PublishedMrr, double DraftMrr, double PublishedHitAt3, double DraftHitAt3,
    bool HasDrop, IReadOnlyList<RegressionOutcome> Better, IReadOnlyList<RegressionOutcome> Worse, IReadOnlyList<RegressionOutcome> All)
{
    internal static RegressionView From(RegressionComparison c) => new(c.Outcomes.Count, c.BaselineMrr, c.CandidateMrr,
        c.BaselineHitAt3, c.CandidateHitAt3, c.HasDrop, c.Better, c.Worse, c.Outcomes);
}

/// <param name="Published">False when the draft scored lower and publishing was not confirmed.</param>
public sealed record PublishOutcome(bool Published, VersionView? Version, RegressionView Regression);

public sealed record SynonymView(long Id, int Version, IReadOnlyList<string> Forms, IReadOnlyList<string> Terms);

public sealed record AlternateQuestionView(long Id, int Version, string PassageId, string Question);

public sealed record RegressionQuestionView(long Id, string Q, IReadOnlyList<string> Gold);

/// <param name="Reasons">How often each reason occurs in the group: not-found, low, unclear, thumbs-down, handed-off.</param>
/// <param name="Passages">Passages the questions were answered with (thumbs-down, handed-off) or offered.</param>
/// <param name="Comments">Workers' comments given with a thumbs-down (masked).</param>
public sealed record UnansweredGroupView(string Representative, int Count, IReadOnlyList<string> Wordings, IReadOnlyList<long> Ids,
    IReadOnlyDictionary<string, int> Reasons, IReadOnlyList<string> Passages, IReadOnlyList<string> Comments);

/// <summary>An admin's answer to an unanswered question, to become a passage in the draft.</summary>
/// <param name="Question">The question as workers ask it; attached to the new passage as its alternate question.</param>
/// <param name="Heading">The section heading shown with the answer and in the citation.</param>
/// <param name="Answer">The answer text (one passage; line breaks become spaces).</param>
/// <param name="DocumentId">The question-and-answer document to add to (default <c>faq</c>, created on first use).</param>
/// <param name="DocumentTitle">The title when the document is created (default 常见问题).</param>
/// <param name="Issuer">Who wrote it, shown in the source line, when the document is created.</param>
/// <param name="UnansweredIds">Unanswered questions this resolves.</param>
public sealed record AnswerPassageInput(string? Question, string? Heading, string? Answer, string? DocumentId = null,
    string? DocumentTitle = null, string? Issuer = null, IReadOnlyList<long>? UnansweredIds = null);

public sealed record AnswerPassageView(int Version, DocumentView Document, PassageView Passage, AlternateQuestionView AlternateQuestion);

/// <summary>A request the knowledge base refuses; becomes a ProblemDetails response with <see cref="Status"/>.</summary>
public sealed class KnowledgeAdminException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
}
