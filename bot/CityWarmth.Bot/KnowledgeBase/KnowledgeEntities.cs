namespace CityWarmth.Bot.KnowledgeBase;

/// <summary>A knowledge version: the draft being edited, or an immutable published one.</summary>
public sealed class KbVersion
{
    public const string Draft = "draft";
    public const string Sealed = "sealed";

    public int Number { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public int? BasedOn { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }

    /// <summary>Hash of the version's content; names its index folder.</summary>
    public string? ContentHash { get; set; }
}

/// <summary>Which version serves questions: the latest row wins (publish, rollback, the first seed).</summary>
public sealed class KbPublication
{
    public long Id { get; set; }
    public int VersionNumber { get; set; }
    public required string Action { get; set; }
    public DateTimeOffset At { get; set; }
    public required string By { get; set; }

    /// <summary>
    /// The publication that served before this one, where a rollback from this one returns to; null for the first seed.
    /// A rollback to what served before takes over that publication's own predecessor.
    /// </summary>
    public long? PreviousId { get; set; }
}

/// <summary>A document of one version: its metadata; the original file is in <see cref="KbFile"/> by hash.</summary>
public sealed class KbDocument
{
    public long Id { get; set; }
    public int VersionNumber { get; set; }

    /// <summary>The document id, stable across versions (passage ids start with it).</summary>
    public required string DocumentId { get; set; }
    public required string Title { get; set; }
    public string Issuer { get; set; } = "";
    public string? DocumentNumber { get; set; }
    public DateOnly? Date { get; set; }
    public string? Region { get; set; }
    public DateOnly? EffectiveFrom { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    public required string FileSha256 { get; set; }
    public int PassageCount { get; set; }
    public required string UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }

    /// <summary>The full metadata as JSON (kind, sample flag, parts of line-oriented documents).</summary>
    public required string MetadataJson { get; set; }
}

/// <summary>An uploaded file's bytes, stored once however many versions use it.</summary>
public sealed class KbFile
{
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
}

/// <summary>A synonym rule of one version: worker forms and policy terms, comma separated.</summary>
public sealed class KbSynonym : IKbVersionedRow
{
    public long Id { get; set; }
    public int VersionNumber { get; set; }
    public required string Forms { get; set; }
    public required string Terms { get; set; }
}

/// <summary>An alternate question attached to a passage in one version.</summary>
public sealed class KbAlternateQuestion : IKbVersionedRow
{
    public long Id { get; set; }
    public int VersionNumber { get; set; }
    public required string PassageId { get; set; }
    public required string Question { get; set; }
}

/// <summary>A saved regression question with its gold sections or passages (comma separated).</summary>
public sealed class KbRegressionQuestion
{
    public long Id { get; set; }
    public required string Question { get; set; }
    public required string Gold { get; set; }
}

/// <summary>A question the bot could not answer well: normalised wording only, no one's identity.</summary>
public sealed class KbUnansweredQuestion
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Text { get; set; }
    public required string Reason { get; set; }
    public double Confidence { get; set; }
    public bool Resolved { get; set; }

    /// <summary>The passages the question was answered with (thumbs-down, handoff) or offered, comma separated.</summary>
    public string? Passages { get; set; }

    /// <summary>The worker's comment with a thumbs-down, normalised and masked like the question.</summary>
    public string? Comment { get; set; }
}

/// <summary>A row that belongs to one knowledge version (publishing copies it into the next draft under a new id).</summary>
public interface IKbVersionedRow
{
    long Id { get; }
    int VersionNumber { get; }
}
