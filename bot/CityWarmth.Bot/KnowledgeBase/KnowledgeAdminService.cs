using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using CityWarmth.Bot.Accounts;
using CityWarmth.Bot.Data;
using CityWarmth.Knowledge;
using CityWarmth.Knowledge.Documents;
using CityWarmth.Knowledge.Indexing;
using CityWarmth.Knowledge.Readers;
using CityWarmth.Knowledge.Search;
using CityWarmth.Knowledge.Versions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.KnowledgeBase;

/// <summary>
/// Knowledge versions: the shipped documents seed version 1; admins edit one draft (documents, synonyms, alternate
/// questions) copied from the published version; publishing seals the draft, builds its index off the request path
/// into its own folder and swaps it into the <see cref="PolicyIndexHolder"/>; rollback swaps an earlier version's
/// folder back. Original files and metadata live in the database, index folders under the data folder.
/// </summary>
public sealed partial class KnowledgeAdminService(
    IDbContextFactory<BotDbContext> dbFactory,
    IServiceProvider services,
    IOptions<KnowledgeOptions> knowledgeOptions,
    IOptions<KnowledgeAdminOptions> adminOptions,
    IOptions<StorageOptions> storageOptions,
    IHostEnvironment environment,
    AuditLog audit,
    TimeProvider clock,
    ILogger<KnowledgeAdminService> logger)
{
    private const int MaxCachedVersions = 4;

    internal static readonly JsonSerializerOptions MetadataJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _cacheLock = new();
    private readonly Dictionary<int, LucenePolicySearch> _versionSearches = [];
    private (string Hash, LucenePolicySearch Search)? _draftSearch;
    private long _servingPublication;

    /// <summary>The folder that holds one index folder per version content.</summary>
    public string IndexRoot => Path.Combine(Path.GetFullPath(storageOptions.Value.DataPath, environment.ContentRootPath), "knowledge-index");

    private PolicyIndexHolder Holder => services.GetRequiredService<PolicyIndexHolder>();

    private IPolicySearch PublishedSearch => services.GetRequiredService<IPolicySearch>();

    // ---- start-up ----

    /// <summary>Opens the published version's index, seeding version 1 from the shipped folder on first start.</summary>
    public PolicyIndex OpenPublishedIndex()
    {
        _gate.Wait();
        try
        {
            using var db = dbFactory.CreateDbContext();
            db.Database.Migrate();
            var current = CurrentVersionNumber(db) ?? SeedFromShippedFolder(db);
            _servingPublication = db.Set<KbPublication>().Max(p => p.Id);
            var corpus = LoadCorpus(db, current);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var index = PolicyIndex.OpenOrBuild(corpus, IndexRoot);
            Log.VersionOpened(logger, current, corpus.Documents.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return index;
        }
        finally
        {
            _gate.Release();
        }
    }

    private int SeedFromShippedFolder(BotDbContext db)
    {
        var folder = KnowledgeServiceCollectionExtensions.ResolveDocumentsPath(knowledgeOptions.Value.DocumentsPath, environment.ContentRootPath);
        var sources = Directory.Exists(folder) ? KnowledgeSet.ReadFolder(folder) : [];
        var now = clock.GetUtcNow();
        var number = (db.Set<KbVersion>().Max(v => (int?)v.Number) ?? 0) + 1;
        db.Set<KbVersion>().Add(new KbVersion { Number = number, Status = KbVersion.Sealed, CreatedAt = now, CreatedBy = "system", PublishedAt = now, PublishedBy = "system" });
        foreach (var source in sources)
        {
            var parsed = KnowledgeSet.Parse(source.Metadata, source.FileName, source.Content);
            AddDocumentRow(db, number, source, parsed.Passages.Count, "system", now);
        }

        db.Set<KbPublication>().Add(new KbPublication { VersionNumber = number, Action = "seed", At = now, By = "system" });
        db.SaveChanges();
        db.Set<KbVersion>().Single(v => v.Number == number).ContentHash = LoadCorpus(db, number).ContentHash;
        db.SaveChanges();
        Log.Seeded(logger, number, sources.Count);
        return number;
    }

    /// <summary>
    /// Switches to the published version when another process (the bulk import, another instance) changed it.
    /// </summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        await using (var probe = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var latest = await probe.Set<KbPublication>().MaxAsync(p => (long?)p.Id, cancellationToken);
            if (latest is null || latest == Volatile.Read(ref _servingPublication))
            {
                return false;
            }
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var publication = await db.Set<KbPublication>().OrderByDescending(p => p.Id).FirstAsync(cancellationToken);
            if (publication.Id == _servingPublication)
            {
                return false;
            }

            var corpus = LoadCorpus(db, publication.VersionNumber);
            var index = await Task.Run(() => PolicyIndex.OpenOrBuild(corpus, IndexRoot), cancellationToken);
            Holder.Swap(index);
            _servingPublication = publication.Id;
            Log.VersionOpened(logger, publication.VersionNumber, corpus.Documents.Count, 0);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    // ---- documents ----

    /// <summary>Parses an upload and stages it in the draft (added, or replacing the document with the same id).</summary>
    /// <exception cref="KnowledgeAdminException">400 empty/unreadable/no text, 413 too large, 415 wrong type; nothing changes.</exception>
    public async Task<StagedDocument> StageDocumentAsync(ClaimsPrincipal user, string fileName, byte[] content, DocumentInput input,
        string? replaceId, CancellationToken cancellationToken)
    {
        var (source, parsed, contentType) = ParseUpload(fileName, content, input, replaceId);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var draft = await EnsureDraftAsync(db, user, cancellationToken);
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

            var row = AddDocumentRow(db, draft, source, parsed.Passages.Count, Who(user), clock.GetUtcNow(), contentType);
            await db.SaveChangesAsync(cancellationToken);
            InvalidateDraft();
            await audit.WriteAsync(user, existing is null ? KnowledgeAuditActions.DocumentAdded : KnowledgeAuditActions.DocumentReplaced,
                $"kb:v{draft}:{row.DocumentId}", $"{row.FileName} ({parsed.Passages.Count} passages)", cancellationToken);
            return new StagedDocument(DocumentView.From(row, existing is null ? "added" : "replaced"), [.. parsed.Passages.Select(PassageView.From)]);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Parses an upload without storing anything (the preview before staging).</summary>
    public IReadOnlyList<PassageView> Preview(string fileName, byte[] content, DocumentInput input) =>
        [.. ParseUpload(fileName, content, input, null).Parsed.Passages.Select(PassageView.From)];

    /// <summary>Removes a document from the draft; publishing then retires it.</summary>
    public async Task RetireDocumentAsync(ClaimsPrincipal user, string documentId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var draft = await EnsureDraftAsync(db, user, cancellationToken);
            var row = await db.Set<KbDocument>().SingleOrDefaultAsync(d => d.VersionNumber == draft && d.DocumentId == documentId, cancellationToken)
                ?? throw new KnowledgeAdminException(404, "没有这个文档", $"草稿里没有文档 {documentId}。");
            db.Remove(row);
            await db.SaveChangesAsync(cancellationToken);
            InvalidateDraft();
            await audit.WriteAsync(user, KnowledgeAuditActions.DocumentRetired, $"kb:v{draft}:{documentId}", row.FileName, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<DocumentList> ListDocumentsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var current = await CurrentVersionNumberAsync(db, cancellationToken);
        var draft = await DraftNumberAsync(db, cancellationToken);
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
        var version = await DraftNumberAsync(db, cancellationToken) ?? await CurrentVersionNumberAsync(db, cancellationToken);
        var row = await db.Set<KbDocument>().AsNoTracking().SingleOrDefaultAsync(d => d.VersionNumber == version && d.DocumentId == documentId, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var source = await ToSourceAsync(db, row, cancellationToken);
        var parsed = KnowledgeSet.Parse(source.Metadata, source.FileName, source.Content);
        return new StagedDocument(DocumentView.From(row, version == row.VersionNumber ? "draft" : "published"), [.. parsed.Passages.Select(PassageView.From)]);
    }

    // ---- search ----

    /// <summary>Searches the draft, the published version, or version <c>n</c>.</summary>
    public async Task<SearchView> SearchAsync(string question, string? version, int maxHits, CancellationToken cancellationToken)
    {
        maxHits = Math.Clamp(maxHits, 1, 20);
        if (string.IsNullOrWhiteSpace(version) || version == "published")
        {
            return SearchView.From("published", PublishedSearch.Search(question, maxHits));
        }

        if (version == "draft")
        {
            var draft = await DraftSearchAsync(cancellationToken)
                ?? throw new KnowledgeAdminException(404, "没有草稿", "现在没有草稿;上传文档或编辑同义词时会自动创建。");
            return SearchView.From("draft", draft.Search(question, maxHits));
        }

        if (!int.TryParse(version, out var number))
        {
            throw new KnowledgeAdminException(400, "版本参数不对", "version 只能是 draft、published 或版本号。");
        }

        var search = await VersionSearchAsync(number, cancellationToken);
        return SearchView.From(number.ToString(System.Globalization.CultureInfo.InvariantCulture), search.Search(question, maxHits));
    }

    private async Task<IPolicySearch?> DraftSearchAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await DraftNumberAsync(db, cancellationToken) is not { } draft)
        {
            return null;
        }

        var corpus = LoadCorpus(db, draft);
        lock (_cacheLock)
        {
            if (_draftSearch is { } cached && cached.Hash == corpus.ContentHash)
            {
                return cached.Search;
            }
        }

        // The draft is searched in memory: it changes with every edit and is never served to workers.
        var index = PolicyIndex.BuildInMemory(corpus);
        var search = new LucenePolicySearch(new PolicyIndexHolder(() => index));
        lock (_cacheLock)
        {
            _draftSearch = (corpus.ContentHash, search);
        }

        return search;
    }

    private async Task<IPolicySearch> VersionSearchAsync(int number, CancellationToken cancellationToken)
    {
        lock (_cacheLock)
        {
            if (_versionSearches.TryGetValue(number, out var cached))
            {
                return cached;
            }
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var version = await db.Set<KbVersion>().AsNoTracking().SingleOrDefaultAsync(v => v.Number == number && v.Status == KbVersion.Sealed, cancellationToken)
            ?? throw new KnowledgeAdminException(404, "没有这个版本", $"没有已发布的版本 {number}。");
        var corpus = LoadCorpus(db, version.Number);
        var index = await Task.Run(() => PolicyIndex.OpenOrBuild(corpus, IndexRoot), cancellationToken);
        var search = new LucenePolicySearch(new PolicyIndexHolder(() => index));
        lock (_cacheLock)
        {
            if (_versionSearches.Count >= MaxCachedVersions)
            {
                _versionSearches.Remove(_versionSearches.Keys.Min());
            }

            _versionSearches[number] = search;
        }

        return search;
    }

    private void InvalidateDraft()
    {
        lock (_cacheLock)
        {
            _draftSearch = null;
        }
    }

    // ---- versions ----

    public async Task<IReadOnlyList<VersionView>> ListVersionsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var current = await CurrentVersionNumberAsync(db, cancellationToken);
        var counts = await db.Set<KbDocument>().GroupBy(d => d.VersionNumber).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var versions = await db.Set<KbVersion>().AsNoTracking().OrderByDescending(v => v.Number).ToListAsync(cancellationToken);
        return [.. versions.Select(v => ToView(v, current, counts.GetValueOrDefault(v.Number)))];
    }

    /// <summary>Runs the regression questions on the published version and the draft.</summary>
    public async Task<RegressionView> CompareDraftAsync(CancellationToken cancellationToken)
    {
        var draft = await DraftSearchAsync(cancellationToken)
            ?? throw new KnowledgeAdminException(404, "没有草稿", "现在没有草稿。");
        var questions = await RegressionQuestionsAsync(cancellationToken);
        return RegressionView.From(RegressionComparison.Run(questions, PublishedSearch, draft));
    }

    /// <summary>
    /// Publishes the draft as a new version: regression run, index built in the background into its own folder, then
    /// an atomic swap. Questions asked meanwhile are answered by the previous version. A drop needs <paramref name="confirm"/>.
    /// </summary>
    public async Task<PublishOutcome> PublishAsync(ClaimsPrincipal user, bool confirm, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var draft = await DraftNumberAsync(db, cancellationToken)
                ?? throw new KnowledgeAdminException(409, "没有草稿", "没有可以发布的草稿。");
            var corpus = LoadCorpus(db, draft);
            var questions = await RegressionQuestionsAsync(cancellationToken);
            var candidateIndex = PolicyIndex.BuildInMemory(corpus);
            RegressionView regression;
            using (var candidate = new LucenePolicySearch(new PolicyIndexHolder(() => candidateIndex)))
            {
                regression = RegressionView.From(RegressionComparison.Run(questions, PublishedSearch, candidate));
            }

            candidateIndex.Dispose();
            if (regression.HasDrop && !confirm)
            {
                return new PublishOutcome(false, null, regression);
            }

            var index = await Task.Run(() => PolicyIndex.OpenOrBuild(corpus, IndexRoot), CancellationToken.None);
            var version = await db.Set<KbVersion>().SingleAsync(v => v.Number == draft, CancellationToken.None);
            var now = clock.GetUtcNow();
            version.Status = KbVersion.Sealed;
            version.ContentHash = corpus.ContentHash;
            version.PublishedAt = now;
            version.PublishedBy = Who(user);
            var publication = new KbPublication { VersionNumber = draft, Action = "publish", At = now, By = Who(user) };
            db.Add(publication);
            await db.SaveChangesAsync(CancellationToken.None);
            Holder.Swap(index);
            _servingPublication = publication.Id;
            InvalidateDraft();
            Log.Published(logger, draft, corpus.Documents.Count);
            await audit.WriteAsync(user, KnowledgeAuditActions.Published, $"kb:v{draft}",
                $"mrr {regression.PublishedMrr:0.###} -> {regression.DraftMrr:0.###}, worse {regression.Worse.Count}{(regression.HasDrop ? ", confirmed" : "")}", CancellationToken.None);
            var count = await db.Set<KbDocument>().CountAsync(d => d.VersionNumber == draft, CancellationToken.None);
            return new PublishOutcome(true, ToView(version, draft, count), regression);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Serves an earlier version again: <paramref name="target"/>, or the one before the current.</summary>
    public async Task<VersionView> RollbackAsync(ClaimsPrincipal user, int? target, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var current = await CurrentVersionNumberAsync(db, cancellationToken);
            var sealedVersions = db.Set<KbVersion>().Where(v => v.Status == KbVersion.Sealed);
            var number = target
                ?? await sealedVersions.Where(v => v.Number < current).MaxAsync(v => (int?)v.Number, cancellationToken)
                ?? throw new KnowledgeAdminException(409, "没有更早的版本", "当前版本之前没有可以回退的版本。");
            var version = await sealedVersions.SingleOrDefaultAsync(v => v.Number == number, cancellationToken)
                ?? throw new KnowledgeAdminException(404, "没有这个版本", $"没有已发布的版本 {number}。");
            if (number == current)
            {
                throw new KnowledgeAdminException(409, "已经是当前版本", $"版本 {number} 正在使用。");
            }

            var corpus = LoadCorpus(db, number);
            var index = await Task.Run(() => PolicyIndex.OpenOrBuild(corpus, IndexRoot), CancellationToken.None);
            var publication = new KbPublication { VersionNumber = number, Action = "rollback", At = clock.GetUtcNow(), By = Who(user) };
            db.Add(publication);
            await db.SaveChangesAsync(CancellationToken.None);
            Holder.Swap(index);
            _servingPublication = publication.Id;
            Log.RolledBack(logger, current, number);
            await audit.WriteAsync(user, KnowledgeAuditActions.RolledBack, $"kb:v{number}", $"from v{current}", CancellationToken.None);
            var count = await db.Set<KbDocument>().CountAsync(d => d.VersionNumber == number, CancellationToken.None);
            return ToView(version, number, count);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Throws the draft away; the next edit starts a fresh one from the published version.</summary>
    public async Task DiscardDraftAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var draft = await DraftNumberAsync(db, cancellationToken) ?? throw new KnowledgeAdminException(404, "没有草稿", "现在没有草稿。");
            await db.Set<KbDocument>().Where(d => d.VersionNumber == draft).ExecuteDeleteAsync(cancellationToken);
            await db.Set<KbSynonym>().Where(d => d.VersionNumber == draft).ExecuteDeleteAsync(cancellationToken);
            await db.Set<KbAlternateQuestion>().Where(d => d.VersionNumber == draft).ExecuteDeleteAsync(cancellationToken);
            await db.Set<KbVersion>().Where(v => v.Number == draft).ExecuteDeleteAsync(cancellationToken);
            InvalidateDraft();
            await audit.WriteAsync(user, KnowledgeAuditActions.DraftDiscarded, $"kb:v{draft}", null, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    // ---- synonyms and alternate questions (edited in the draft) ----

    public async Task<IReadOnlyList<SynonymView>> ListSynonymsAsync(string? version, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var number = await ResolveVersionAsync(db, version, cancellationToken);
        return [.. (await db.Set<KbSynonym>().AsNoTracking().Where(s => s.VersionNumber == number).OrderBy(s => s.Id).ToListAsync(cancellationToken))
            .Select(s => new SynonymView(s.Id, s.VersionNumber, SynonymTable.SplitList(s.Forms), SynonymTable.SplitList(s.Terms)))];
    }

    public async Task<SynonymView> AddSynonymAsync(ClaimsPrincipal user, IReadOnlyList<string> forms, IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        var cleanForms = CleanList(forms);
        var cleanTerms = CleanList(terms);
        if (cleanForms.Count == 0 || cleanTerms.Count == 0)
        {
            throw new KnowledgeAdminException(400, "同义词不完整", "需要至少一个工友说法和一个政策用语。");
        }

        return await EditDraftAsync(user, async (db, draft) =>
        {
            var row = new KbSynonym { VersionNumber = draft, Forms = string.Join(", ", cleanForms), Terms = string.Join(", ", cleanTerms) };
            db.Add(row);
            await db.SaveChangesAsync(cancellationToken);
            await audit.WriteAsync(user, KnowledgeAuditActions.SynonymAdded, $"kb:v{draft}:synonym:{row.Id}", SynonymTable.FormatRule(cleanForms, cleanTerms), cancellationToken);
            return new SynonymView(row.Id, draft, cleanForms, cleanTerms);
        }, cancellationToken);
    }

    public Task DeleteSynonymAsync(ClaimsPrincipal user, long id, CancellationToken cancellationToken) =>
        EditDraftAsync(user, async (db, draft) =>
        {
            var row = await FindDraftRowAsync<KbSynonym>(db, id, draft, earlier => s => s.Forms == earlier.Forms && s.Terms == earlier.Terms, cancellationToken)
                ?? throw new KnowledgeAdminException(404, "没有这条同义词", $"草稿里没有同义词 {id}。");
            db.Remove(row);
            await db.SaveChangesAsync(cancellationToken);
            await audit.WriteAsync(user, KnowledgeAuditActions.SynonymDeleted, $"kb:v{draft}:synonym:{id}", $"{row.Forms} => {row.Terms}", cancellationToken);
            return true;
        }, cancellationToken);

    public async Task<IReadOnlyList<AlternateQuestionView>> ListAlternateQuestionsAsync(string? version, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var number = await ResolveVersionAsync(db, version, cancellationToken);
        return [.. (await db.Set<KbAlternateQuestion>().AsNoTracking().Where(s => s.VersionNumber == number).OrderBy(s => s.PassageId).ThenBy(s => s.Id).ToListAsync(cancellationToken))
            .Select(a => new AlternateQuestionView(a.Id, a.VersionNumber, a.PassageId, a.Question))];
    }

    /// <summary>Attaches a question to a passage of the draft; the passage must exist there.</summary>
    public async Task<AlternateQuestionView> AddAlternateQuestionAsync(ClaimsPrincipal user, string passageId, string question,
        IReadOnlyList<long>? resolvesUnanswered, CancellationToken cancellationToken)
    {
        question = question.Trim();
        if (question.Length is 0 or > 200)
        {
            throw new KnowledgeAdminException(400, "问题不合适", "问法不能为空,最多 200 字。");
        }

        return await EditDraftAsync(user, async (db, draft) =>
        {
            if (LoadCorpus(db, draft).FindPassage(passageId) is null)
            {
                throw new KnowledgeAdminException(404, "没有这个段落", $"草稿里没有段落 {passageId}。");
            }

            var row = new KbAlternateQuestion { VersionNumber = draft, PassageId = passageId, Question = question };
            db.Add(row);
            if (resolvesUnanswered is { Count: > 0 })
            {
                await db.Set<KbUnansweredQuestion>().Where(u => resolvesUnanswered.Contains(u.Id)).ExecuteUpdateAsync(u => u.SetProperty(x => x.Resolved, true), cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await audit.WriteAsync(user, KnowledgeAuditActions.AlternateAdded, $"kb:v{draft}:{passageId}", question, cancellationToken);
            return new AlternateQuestionView(row.Id, draft, passageId, question);
        }, cancellationToken);
    }

    public Task DeleteAlternateQuestionAsync(ClaimsPrincipal user, long id, CancellationToken cancellationToken) =>
        EditDraftAsync(user, async (db, draft) =>
        {
            var row = await FindDraftRowAsync<KbAlternateQuestion>(db, id, draft, earlier => a => a.PassageId == earlier.PassageId && a.Question == earlier.Question, cancellationToken)
                ?? throw new KnowledgeAdminException(404, "没有这个问法", $"草稿里没有问法 {id}。");
            db.Remove(row);
            await db.SaveChangesAsync(cancellationToken);
            await audit.WriteAsync(user, KnowledgeAuditActions.AlternateDeleted, $"kb:v{draft}:{row.PassageId}", row.Question, cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>
    /// The draft's row with this id or, for an id from an earlier version, the draft's copy of that row: publishing
    /// copies rows into the next draft under new ids, so the copy is found by its content.
    /// </summary>
    private static async Task<T?> FindDraftRowAsync<T>(BotDbContext db, long id, int draft,
        Func<T, System.Linq.Expressions.Expression<Func<T, bool>>> sameContentAs, CancellationToken cancellationToken)
        where T : class, IKbVersionedRow
    {
        var rows = db.Set<T>();
        return await rows.SingleOrDefaultAsync(r => r.Id == id && r.VersionNumber == draft, cancellationToken)
            ?? (await rows.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken) is { } earlier
                ? await rows.Where(r => r.VersionNumber == draft).FirstOrDefaultAsync(sameContentAs(earlier), cancellationToken)
                : null);
    }

    // ---- regression questions (one editable set, not versioned) ----

    public async Task<IReadOnlyList<RegressionQuestionView>> ListRegressionQuestionsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return [.. (await db.Set<KbRegressionQuestion>().AsNoTracking().OrderBy(q => q.Id).ToListAsync(cancellationToken))
            .Select(q => new RegressionQuestionView(q.Id, q.Question, SynonymTable.SplitList(q.Gold)))];
    }

    /// <summary>Replaces the whole set with the questions of a JSON-lines file.</summary>
    public async Task<int> ReplaceRegressionQuestionsAsync(ClaimsPrincipal user, string jsonLines, CancellationToken cancellationToken)
    {
        IReadOnlyList<RegressionQuestion> parsed;
        try
        {
            parsed = RegressionQuestion.ParseLines(jsonLines);
        }
        catch (FormatException ex)
        {
            throw new KnowledgeAdminException(400, "回归问题格式不对", ex.Message);
        }

        if (parsed.Any(q => q.Q.Length > 200))
        {
            throw new KnowledgeAdminException(400, "回归问题太长", "每个问题最多 200 字。");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Set<KbRegressionQuestion>().ExecuteDeleteAsync(cancellationToken);
        db.AddRange(parsed.Select(q => new KbRegressionQuestion { Question = q.Q.Trim(), Gold = string.Join(", ", q.Gold) }));
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(user, KnowledgeAuditActions.RegressionReplaced, "kb:regression", $"{parsed.Count} questions", cancellationToken);
        return parsed.Count;
    }

    public async Task<RegressionQuestionView> AddRegressionQuestionAsync(ClaimsPrincipal user, string question, IReadOnlyList<string> gold, CancellationToken cancellationToken)
    {
        var cleanGold = CleanList(gold);
        if (string.IsNullOrWhiteSpace(question) || question.Length > 200 || cleanGold.Count == 0)
        {
            throw new KnowledgeAdminException(400, "回归问题不完整", "需要问题(最多 200 字)和至少一个答案章节或段落。");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = new KbRegressionQuestion { Question = question.Trim(), Gold = string.Join(", ", cleanGold) };
        db.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(user, KnowledgeAuditActions.RegressionAdded, $"kb:regression:{row.Id}", row.Question, cancellationToken);
        return new RegressionQuestionView(row.Id, row.Question, cleanGold);
    }

    public async Task DeleteRegressionQuestionAsync(ClaimsPrincipal user, long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<KbRegressionQuestion>().SingleOrDefaultAsync(q => q.Id == id, cancellationToken)
            ?? throw new KnowledgeAdminException(404, "没有这个回归问题", $"没有回归问题 {id}。");
        db.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(user, KnowledgeAuditActions.RegressionDeleted, $"kb:regression:{id}", row.Question, cancellationToken);
    }

    private async Task<IReadOnlyList<RegressionQuestion>> RegressionQuestionsAsync(CancellationToken cancellationToken) =>
        [.. (await ListRegressionQuestionsAsync(cancellationToken)).Select(q => new RegressionQuestion(q.Q, q.Gold))];

    // ---- unanswered questions ----

    public async Task<IReadOnlyList<UnansweredGroupView>> UnansweredGroupsAsync(int max, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<KbUnansweredQuestion>().AsNoTracking().Where(u => !u.Resolved)
            .OrderByDescending(u => u.Id).Take(2000).Select(u => new { u.Id, u.Text, u.Reason, u.Passages, u.Comment }).ToListAsync(cancellationToken);
        var byId = rows.ToDictionary(r => r.Id);
        return [.. QuestionGroups.Group(rows.Select(r => (r.Id, r.Text))).Take(max).Select(g =>
        {
            var members = g.Ids.Select(id => byId[id]).ToList();
            return new UnansweredGroupView(g.Representative, g.Count, g.Members, g.Ids,
                members.GroupBy(m => m.Reason).OrderByDescending(r => r.Count()).ToDictionary(r => r.Key, r => r.Count()),
                [.. members.SelectMany(m => SynonymTable.SplitList(m.Passages ?? "")).Distinct()],
                [.. members.Select(m => m.Comment).OfType<string>().Distinct().Take(10)]);
        })];
    }

    /// <summary>
    /// Answers an unanswered question with a new passage: the admin's text becomes a section of an admin-written
    /// question-and-answer document in the draft (created on first use), with the question as its alternate question.
    /// It can be previewed and searched in the draft, and answers workers once published.
    /// </summary>
    public async Task<AnswerPassageView> AddAnswerPassageAsync(ClaimsPrincipal user, AnswerPassageInput input, CancellationToken cancellationToken)
    {
        var question = input.Question?.Trim() ?? "";
        var heading = OneLine(input.Heading);
        var answer = (input.Answer ?? "").Replace("\r\n", "\n").Trim();
        var documentId = string.IsNullOrWhiteSpace(input.DocumentId) ? FaqDocumentId : input.DocumentId.Trim();
        if (question.Length is 0 or > 200 || heading.Length is 0 or > 100 || answer.Length is 0 or > 4000)
        {
            throw new KnowledgeAdminException(400, "内容不完整", "需要问题(最多 200 字)、小标题(最多 100 字)和答案(最多 4000 字)。");
        }

        if (!KnowledgeSet.IsValidId(documentId))
        {
            throw new KnowledgeAdminException(400, "文档编号不对", "文档编号只能用英文字母、数字和 '-',最多 64 个字符。");
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var draft = await EnsureDraftAsync(db, user, cancellationToken);
            var existing = await db.Set<KbDocument>().SingleOrDefaultAsync(d => d.VersionNumber == draft && d.DocumentId == documentId, cancellationToken);
            SourceDocument before;
            if (existing is null)
            {
                var metadata = new DocumentMetadata
                {
                    Id = documentId,
                    Title = Clip(input.DocumentTitle, 200) ?? FaqTitle,
                    Issuer = Clip(input.Issuer, 300) ?? FaqIssuer,
                    Date = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
                    Kind = "faq",
                };
                before = new SourceDocument(metadata, documentId + ".md", System.Text.Encoding.UTF8.GetBytes("# " + MarkdownText(metadata.Title) + "\n"));
            }
            else if (!existing.FileName.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            {
                throw new KnowledgeAdminException(409, "不能加到这个文档", $"文档 {documentId} 是上传的 {Path.GetExtension(existing.FileName)} 文件;新段落只能加到问答文档(.md)里。");
            }
            else
            {
                before = await ToSourceAsync(db, existing, cancellationToken);
            }

            var oldPassages = existing is null ? [] : KnowledgeSet.Parse(before.Metadata, before.FileName, before.Content).Passages;
            // One paragraph: a line such as "1. 带身份证" would otherwise open a section of its own and split the answer.
            var lines = answer.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(MarkdownText);
            var section = new System.Text.StringBuilder("\n\n## ").Append(MarkdownText(heading)).Append("\n\n")
                .AppendJoin('\n', lines).Append('\n');

            var source = before with { Content = [.. before.Content, .. System.Text.Encoding.UTF8.GetBytes(section.ToString())] };
            var parsed = KnowledgeSet.Parse(source.Metadata, source.FileName, source.Content);
            var added = parsed.Passages.Where(p => !oldPassages.Any(o => o.Id == p.Id && o.Text == p.Text)).ToList();
            var passage = added.FirstOrDefault(p => p.Heading == heading) ?? added.FirstOrDefault()
                ?? throw new KnowledgeAdminException(400, "没有生成段落", "答案里没有可以检索的文字。");

            if (existing is not null)
            {
                db.Remove(existing);
                await db.SaveChangesAsync(cancellationToken);
            }

            var row = AddDocumentRow(db, draft, source, parsed.Passages.Count, Who(user), clock.GetUtcNow(), "text/markdown");
            var alternate = new KbAlternateQuestion { VersionNumber = draft, PassageId = passage.Id, Question = question };
            db.Add(alternate);
            var resolves = input.UnansweredIds ?? [];
            if (resolves.Count > 0)
            {
                await db.Set<KbUnansweredQuestion>().Where(u => resolves.Contains(u.Id)).ExecuteUpdateAsync(u => u.SetProperty(x => x.Resolved, true), cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            InvalidateDraft();
            await audit.WriteAsync(user, KnowledgeAuditActions.PassageAdded, $"kb:v{draft}:{passage.Id}", $"{question} ({resolves.Count} unanswered resolved)", cancellationToken);
            return new AnswerPassageView(draft, DocumentView.From(row, existing is null ? "added" : "replaced"), PassageView.From(passage),
                new AlternateQuestionView(alternate.Id, draft, passage.Id, question));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The admin-written question-and-answer document new passages go to unless another is named.</summary>
    public const string FaqDocumentId = "faq";

    private const string FaqTitle = "常见问题";

    private const string FaqIssuer = "城暖助手工作人员整理";

    private static string OneLine(string? text) => string.Join(' ', (text ?? "").Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    // Markdown reads "1." "#" "-" "*" and the like as structure: escaping every ASCII punctuation keeps the text as written.
    private static string MarkdownText(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (char.IsAscii(c) && char.IsPunctuation(c) || c is '`' or '^' or '|' or '~' or '<' or '>' or '=' or '+' or '$')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    public async Task DismissUnansweredAsync(ClaimsPrincipal user, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var count = await db.Set<KbUnansweredQuestion>().Where(u => ids.Contains(u.Id)).ExecuteUpdateAsync(u => u.SetProperty(x => x.Resolved, true), cancellationToken);
        await audit.WriteAsync(user, KnowledgeAuditActions.UnansweredDismissed, "kb:unanswered", $"{count} questions", cancellationToken);
    }

    // ---- bulk import ----

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

    // ---- helpers ----

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
            Title = Clip(input.Title, 200) ?? Path.GetFileNameWithoutExtension(fileName),
            Issuer = Clip(input.Issuer, 300) ?? "",
            DocumentNumber = Clip(input.DocumentNumber, 100),
            Date = input.Date,
            Region = Clip(input.Region, 100),
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

    private static string? Clip(string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim() is var v && v.Length > max ? v[..max] : value.Trim();

    private static List<string> CleanList(IEnumerable<string> items) =>
        [.. items.SelectMany(SynonymTable.SplitList).Where(s => s.Length is > 0 and <= 50 && !s.Contains("=>", StringComparison.Ordinal)).Distinct()];

    private static KbDocument AddDocumentRow(BotDbContext db, int version, SourceDocument source, int passages, string by, DateTimeOffset at, string? contentType = null)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(source.Content));
        if (db.Set<KbFile>().Find(sha) is null)
        {
            db.Add(new KbFile { Sha256 = sha, Content = source.Content });
        }

        var m = source.Metadata;
        var row = new KbDocument
        {
            VersionNumber = version,
            DocumentId = m.Id,
            Title = m.Title,
            Issuer = m.Issuer,
            DocumentNumber = m.DocumentNumber,
            Date = m.Date,
            Region = m.Region,
            EffectiveFrom = m.EffectiveFrom,
            ExpiresOn = m.ExpiresOn,
            FileName = source.FileName,
            ContentType = contentType ?? DocumentReaders.ForExtension(Path.GetExtension(source.FileName).ToLowerInvariant()).ContentTypes[0],
            SizeBytes = source.Content.Length,
            FileSha256 = sha,
            PassageCount = passages,
            UploadedBy = by,
            UploadedAt = at,
            MetadataJson = JsonSerializer.Serialize(m, MetadataJson),
        };
        db.Add(row);
        return row;
    }

    private async Task<T> EditDraftAsync<T>(ClaimsPrincipal user, Func<BotDbContext, int, Task<T>> edit, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var draft = await EnsureDraftAsync(db, user, cancellationToken);
            var result = await edit(db, draft);
            InvalidateDraft();
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The draft's number, creating it as a copy of the published version when there is none.</summary>
    private async Task<int> EnsureDraftAsync(BotDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await DraftNumberAsync(db, cancellationToken) is { } existing)
        {
            return existing;
        }

        var current = await CurrentVersionNumberAsync(db, cancellationToken);
        var number = (await db.Set<KbVersion>().MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0) + 1;
        db.Add(new KbVersion { Number = number, Status = KbVersion.Draft, CreatedAt = clock.GetUtcNow(), CreatedBy = Who(user), BasedOn = current });
        foreach (var d in await db.Set<KbDocument>().AsNoTracking().Where(d => d.VersionNumber == current).ToListAsync(cancellationToken))
        {
            d.Id = 0;
            d.VersionNumber = number;
            db.Add(d);
        }

        foreach (var s in await db.Set<KbSynonym>().AsNoTracking().Where(s => s.VersionNumber == current).ToListAsync(cancellationToken))
        {
            db.Add(new KbSynonym { VersionNumber = number, Forms = s.Forms, Terms = s.Terms });
        }

        foreach (var a in await db.Set<KbAlternateQuestion>().AsNoTracking().Where(a => a.VersionNumber == current).ToListAsync(cancellationToken))
        {
            db.Add(new KbAlternateQuestion { VersionNumber = number, PassageId = a.PassageId, Question = a.Question });
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(user, KnowledgeAuditActions.DraftCreated, $"kb:v{number}", $"from v{current}", cancellationToken);
        return number;
    }

    private async Task<int> ResolveVersionAsync(BotDbContext db, string? version, CancellationToken cancellationToken)
    {
        if (version == "draft")
        {
            return await DraftNumberAsync(db, cancellationToken) ?? throw new KnowledgeAdminException(404, "没有草稿", "现在没有草稿。");
        }

        if (string.IsNullOrEmpty(version))
        {
            return await DraftNumberAsync(db, cancellationToken) ?? await CurrentVersionNumberAsync(db, cancellationToken);
        }

        if (version == "published")
        {
            return await CurrentVersionNumberAsync(db, cancellationToken);
        }

        return int.TryParse(version, out var n) ? n : throw new KnowledgeAdminException(400, "版本参数不对", "version 只能是 draft、published 或版本号。");
    }

    private static Task<int?> DraftNumberAsync(BotDbContext db, CancellationToken cancellationToken) =>
        db.Set<KbVersion>().Where(v => v.Status == KbVersion.Draft).Select(v => (int?)v.Number).FirstOrDefaultAsync(cancellationToken);

    private static int? CurrentVersionNumber(BotDbContext db) =>
        db.Set<KbPublication>().OrderByDescending(p => p.Id).Select(p => (int?)p.VersionNumber).FirstOrDefault();

    private static async Task<int> CurrentVersionNumberAsync(BotDbContext db, CancellationToken cancellationToken) =>
        await db.Set<KbPublication>().OrderByDescending(p => p.Id).Select(p => (int?)p.VersionNumber).FirstOrDefaultAsync(cancellationToken)
        ?? throw new KnowledgeAdminException(503, "知识库还没准备好", "知识库正在初始化,请稍后再试。");

    private static PolicyCorpus LoadCorpus(BotDbContext db, int version)
    {
        var rows = db.Set<KbDocument>().AsNoTracking().Where(d => d.VersionNumber == version).ToList();
        var hashes = rows.Select(r => r.FileSha256).Distinct().ToList();
        var files = db.Set<KbFile>().AsNoTracking().Where(f => hashes.Contains(f.Sha256)).ToDictionary(f => f.Sha256, f => f.Content);
        var sources = rows.Select(r => new SourceDocument(ReadMetadata(r), r.FileName, files[r.FileSha256])).ToList();
        var synonyms = db.Set<KbSynonym>().AsNoTracking().Where(s => s.VersionNumber == version).OrderBy(s => s.Id).ToList()
            .Select(s => new SynonymRule(SynonymTable.SplitList(s.Forms), SynonymTable.SplitList(s.Terms))).ToList();
        var alternates = db.Set<KbAlternateQuestion>().AsNoTracking().Where(a => a.VersionNumber == version).OrderBy(a => a.Id).ToList()
            .Select(a => new AlternateQuestion(a.PassageId, a.Question)).ToList();
        return KnowledgeSet.Build(sources, synonyms, alternates);
    }

    private static async Task<SourceDocument> ToSourceAsync(BotDbContext db, KbDocument row, CancellationToken cancellationToken)
    {
        var file = await db.Set<KbFile>().AsNoTracking().SingleAsync(f => f.Sha256 == row.FileSha256, cancellationToken);
        return new SourceDocument(ReadMetadata(row), row.FileName, file.Content);
    }

    private static DocumentMetadata ReadMetadata(KbDocument row) =>
        JsonSerializer.Deserialize<DocumentMetadata>(row.MetadataJson, MetadataJson) ?? throw new InvalidDataException($"Metadata of {row.DocumentId} is empty.");

    private static VersionView ToView(KbVersion v, int current, int documents) => new(v.Number, v.Status, v.Number == current,
        v.CreatedAt, v.CreatedBy, v.BasedOn, v.PublishedAt, v.PublishedBy, documents, v.ContentHash);

    internal static string Who(ClaimsPrincipal user) => user.Identity?.Name is { Length: > 0 } name ? name : "unknown";

    private static partial class Log
    {
        [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "Knowledge version {Version} serving: {Documents} documents, ready in {ElapsedMs:F0} ms")]
        public static partial void VersionOpened(ILogger logger, int version, int documents, double elapsedMs);

        [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "Knowledge version {Version} seeded with {Documents} shipped documents")]
        public static partial void Seeded(ILogger logger, int version, int documents);

        [LoggerMessage(EventId = 8003, Level = LogLevel.Information, Message = "Knowledge version {Version} published with {Documents} documents")]
        public static partial void Published(ILogger logger, int version, int documents);

        [LoggerMessage(EventId = 8004, Level = LogLevel.Information, Message = "Knowledge rolled back from version {From} to {To}")]
        public static partial void RolledBack(ILogger logger, int from, int to);
    }
}

/// <summary>Audit actions of knowledge administration (at most 32 characters).</summary>
public static class KnowledgeAuditActions
{
    public const string DraftCreated = "kb.draft.create";
    public const string DraftDiscarded = "kb.draft.discard";
    public const string DocumentAdded = "kb.document.add";
    public const string DocumentReplaced = "kb.document.replace";
    public const string DocumentRetired = "kb.document.retire";
    public const string SynonymAdded = "kb.synonym.add";
    public const string SynonymDeleted = "kb.synonym.delete";
    public const string AlternateAdded = "kb.alternate.add";
    public const string AlternateDeleted = "kb.alternate.delete";
    public const string RegressionReplaced = "kb.regression.replace";
    public const string RegressionAdded = "kb.regression.add";
    public const string RegressionDeleted = "kb.regression.delete";
    public const string UnansweredDismissed = "kb.unanswered.dismiss";
    public const string PassageAdded = "kb.passage.add";
    public const string Published = "kb.publish";
    public const string RolledBack = "kb.rollback";
}
