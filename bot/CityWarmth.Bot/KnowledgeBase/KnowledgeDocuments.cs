using System.Security.Claims;
using CityWarmth.Bot.Accounts;
using CityWarmth.Bot.Data;
using CityWarmth.Knowledge.Documents;
using CityWarmth.Knowledge.Readers;
using CityWarmth.Knowledge.Versions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.KnowledgeBase;

/// <summary>
/// The documents of the draft: uploads are parsed the same way every time they are read, staged (added, or replacing
/// the document with the same id) or retired; a folder can be imported in one go.
/// </summary>
public sealed class KnowledgeDocuments(
    KnowledgeVersionStore versions,
    IDbContextFactory<BotDbContext> dbFactory,
    IOptions<KnowledgeAdminOptions> adminOptions,
    AuditLog audit,
    TimeProvider clock)
{
    /// <summary>Parses an upload and stages it in the draft (added, or replacing the document with the same id).</summary>
    /// <exception cref="KnowledgeAdminException">400 empty/unreadable/no text, 413 too large, 415 wrong type; nothing changes.</exception>
    public async Task<StagedDocument> StageDocumentAsync(ClaimsPrincipal user, string fileName, byte[] content, DocumentInput input,
        string? replaceId, CancellationToken cancellationToken)
    {
        var (source, parsed, contentType) = ParseUpload(fileName, content, input, replaceId);
        using var _ = await versions.LockAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var draft = await versions.EnsureDraftAsync(db, user, cancellationToken);
        var existing = await db.Set<KbDocument>().SingleOrDefaultAsync(d => d.VersionNumber == draft && d.DocumentId == source.Metadata.Id, cancellationToken);
        if (replaceId is not null && existing is null)
        {
            throw new KnowledgeAdminException(404, "没有这个文档", $"草稿里没有文档 {replaceId}。");
        }

        if (replaceId is null && existing is not null)
        {
            throw new KnowledgeAdminException(409, "文档已存在", $"草稿里已有文档 {existing.DocumentId};要替换请用替换操作。");
        }

        if (existing is not null)
        {
            // Removed and added in one SaveChanges (one transaction): a failed write never loses the old document.
            db.Remove(existing);
        }

        var row = KnowledgeVersionStore.AddDocumentRow(db, draft, source, parsed.Passages.Count, KnowledgeVersionStore.Who(user), clock.GetUtcNow(), contentType);
        await db.SaveChangesAsync(cancellationToken);
        versions.InvalidateDraft();
        await audit.WriteAsync(user, existing is null ? KnowledgeAuditActions.DocumentAdded : KnowledgeAuditActions.DocumentReplaced,
            $"kb:v{draft}:{row.DocumentId}", $"{row.FileName} ({parsed.Passages.Count} passages)", cancellationToken);
        return new StagedDocument(DocumentView.From(row, existing is null ? "added" : "replaced"), [.. parsed.Passages.Select(PassageView.From)]);
    }

    /// <summary>Parses an upload without storing anything (the preview before staging).</summary>
    public IReadOnlyList<PassageView> Preview(string fileName, byte[] content, DocumentInput input) =>
        [.. ParseUpload(fileName, content, input, null).Parsed.Passages.Select(PassageView.From)];

    /// <summary>Removes a document from the draft; publishing then retires it.</summary>
    public async Task RetireDocumentAsync(ClaimsPrincipal user, string documentId, CancellationToken cancellationToken)
    {
        using var _ = await versions.LockAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var draft = await versions.EnsureDraftAsync(db, user, cancellationToken);
        var row = await db.Set<KbDocument>().SingleOrDefaultAsync(d => d.VersionNumber == draft && d.DocumentId == documentId, cancellationToken)
            ?? throw new KnowledgeAdminException(404, "没有这个文档", $"草稿里没有文档 {documentId}。");
        db.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        versions.InvalidateDraft();
        await audit.WriteAsync(user, KnowledgeAuditActions.DocumentRetired, $"kb:v{draft}:{documentId}", row.FileName, cancellationToken);
    }

    public async Task<DocumentList> ListDocumentsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var current = await KnowledgeVersionStore.CurrentVersionNumberAsync(db, cancellationToken);
        var draft = await KnowledgeVersionStore.DraftNumberAsync(db, cancellationToken);
        var published = await db.Set<KbDocument>().AsNoTracking().Where(d => d.VersionNumber == current).OrderBy(d => d.DocumentId).ToListAsync(cancellationToken);
        var draftViews = new List<DocumentView>();
        if (draft is { } n)
        {
            var draftDocs = await db.Set<KbDocument>().AsNoTracking().Where(d => d.VersionNumber == n).OrderBy(d => d.DocumentId).ToListAsync(cancellationToken);
            var byId = published.ToDictionary(d => d.DocumentId);
            foreach (var d in draftDocs)
            {
                var status = !byId.TryGetValue(d.DocumentId, out var p) ? "added"
                    : p.FileSha256 == d.FileSha256 && p.MetadataJson == d.MetadataJson ? "unchanged" : "replaced";
                draftViews.Add(DocumentView.From(d, status));
            }

            draftViews.AddRange(published.Where(p => draftDocs.All(d => d.DocumentId != p.DocumentId)).Select(p => DocumentView.From(p, "retired")));
        }

        return new DocumentList(draft, current, draftViews, [.. published.Select(p => DocumentView.From(p, "published"))]);
    }

    /// <summary>The passages of a document in the draft (or the published version when there is no draft).</summary>
    public async Task<StagedDocument?> GetDocumentAsync(string documentId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var version = await KnowledgeVersionStore.DraftNumberAsync(db, cancellationToken) ?? await KnowledgeVersionStore.CurrentVersionNumberAsync(db, cancellationToken);
        var row = await db.Set<KbDocument>().AsNoTracking().SingleOrDefaultAsync(d => d.VersionNumber == version && d.DocumentId == documentId, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var source = await KnowledgeVersionStore.ToSourceAsync(db, row, cancellationToken);
        var parsed = KnowledgeSet.Parse(source.Metadata, source.FileName, source.Content);
        return new StagedDocument(DocumentView.From(row, version == row.VersionNumber ? "draft" : "published"), [.. parsed.Passages.Select(PassageView.From)]);
    }

    /// <summary>Stages every supported file of a folder (sidecar metadata or defaults) in the draft.</summary>
    public async Task<IReadOnlyList<StagedDocument>> ImportFolderAsync(ClaimsPrincipal user, string folder, CancellationToken cancellationToken)
    {
        var sources = KnowledgeSet.ReadFolder(folder, file => new DocumentMetadata
        {
            Id = KnowledgeSet.IdFromFileName(file),
            Title = Path.GetFileNameWithoutExtension(file),
        });
        var staged = new List<StagedDocument>();
        var existing = (await ListDocumentsAsync(cancellationToken)) is var list && list.DraftVersion is not null
            ? list.Draft.Where(d => d.Status != "retired").Select(d => d.Id).ToHashSet()
            : list.Published.Select(d => d.Id).ToHashSet();
        foreach (var source in sources)
        {
            var m = source.Metadata;
            var input = new DocumentInput(m.Id, m.Title, m.Issuer, m.DocumentNumber, m.Date, m.Region, m.EffectiveFrom, m.ExpiresOn);
            staged.Add(await StageDocumentAsync(user, source.FileName, source.Content, input, existing.Contains(m.Id) ? m.Id : null, cancellationToken));
        }

        return staged;
    }

    private (SourceDocument Source, PolicyDocument Parsed, string ContentType) ParseUpload(string fileName, byte[] content, DocumentInput input, string? replaceId)
    {
        fileName = Path.GetFileName(fileName.Replace('\\', '/'));
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var reader = DocumentReaders.All.FirstOrDefault(r => r.Extensions.Contains(extension))
            ?? throw new KnowledgeAdminException(415, "不支持的文件类型", $"只能上传 .txt .md .html .docx .pdf,收到的是 '{extension}'。");
        if (content.Length == 0)
        {
            throw new KnowledgeAdminException(400, "文件是空的", "上传的文件没有内容。");
        }

        if (content.Length > adminOptions.Value.MaxUploadBytes)
        {
            throw new KnowledgeAdminException(413, "文件太大", $"文件最大 {adminOptions.Value.MaxUploadBytes} 字节。");
        }

        var id = replaceId ?? (string.IsNullOrWhiteSpace(input.DocumentId) ? KnowledgeSet.IdFromFileName(fileName) : input.DocumentId.Trim());
        if (!KnowledgeSet.IsValidId(id))
        {
            throw new KnowledgeAdminException(400, "文档编号不对", "文档编号只能用英文字母、数字和 '-',最多 64 个字符。");
        }

        var metadata = new DocumentMetadata
        {
            Id = id,
            Title = KnowledgeVersionStore.Clip(input.Title, 200) ?? Path.GetFileNameWithoutExtension(fileName),
            Issuer = KnowledgeVersionStore.Clip(input.Issuer, 300) ?? "",
            DocumentNumber = KnowledgeVersionStore.Clip(input.DocumentNumber, 100),
            Date = input.Date,
            Region = KnowledgeVersionStore.Clip(input.Region, 100),
            EffectiveFrom = input.EffectiveFrom,
            ExpiresOn = input.ExpiresOn,
            Kind = "handbook",
        };
        if (metadata.EffectiveFrom is { } from && metadata.ExpiresOn is { } to && to < from)
        {
            throw new KnowledgeAdminException(400, "日期不对", "失效日期早于生效日期。");
        }

        var source = new SourceDocument(metadata, fileName, content);
        try
        {
            return (source, KnowledgeSet.Parse(metadata, fileName, content), reader.ContentTypes[0]);
        }
        catch (PdfHasNoTextException)
        {
            throw new KnowledgeAdminException(400, "PDF 没有文字", "这个 PDF 只有图片(可能是扫描件),需要先做文字识别(OCR)再上传。");
        }
        catch (DocumentReadException ex)
        {
            throw new KnowledgeAdminException(400, "文件读不出来", $"文件无法按 {extension} 读取,或者里面没有文字。({ex.Message})");
        }
    }
}
