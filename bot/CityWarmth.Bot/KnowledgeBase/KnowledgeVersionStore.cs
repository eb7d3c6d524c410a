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
/// Knowledge versions in the database: the shipped documents seed version 1; admins edit one draft (documents,
/// synonyms, alternate questions) copied from the published version. Original files and metadata live in the database,
/// index folders under the data folder. This class opens the published version's index at start and holds the lock
/// every change to versions takes; publishing (<see cref="KnowledgePublishing"/>), documents
/// (<see cref="KnowledgeDocuments"/>) and curation (<see cref="KnowledgeCuration"/>) build on it.
/// </summary>
public sealed partial class KnowledgeVersionStore(
    IDbContextFactory<BotDbContext> dbFactory,
    IOptions<KnowledgeOptions> knowledgeOptions,
    IOptions<StorageOptions> storageOptions,
    IHostEnvironment environment,
    AuditLog audit,
    TimeProvider clock,
    ILogger<KnowledgeVersionStore> logger)
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

    /// <summary>The publication whose version this process serves.</summary>
    internal long ServingPublication
    {
        get => Volatile.Read(ref _servingPublication);
        set => Volatile.Write(ref _servingPublication, value);
    }

    /// <summary>Takes the lock every change to versions, documents and the draft goes through.</summary>
    internal async Task<IDisposable> LockAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new LockRelease(_gate);
    }

    /// <summary>Opens the published version's index, seeding version 1 from the shipped folder on first start.</summary>
    public PolicyIndex OpenPublishedIndex()
    {
        _gate.Wait();
        try
        {
            using var db = dbFactory.CreateDbContext();
            db.Database.MigrateShared();
            KbPublication current;
            using (var seeding = db.Database.BeginTransaction())
            {
                if (db.Database.IsNpgsql())
                {
                    // Instances starting together on a fresh database: one seeds, the others then find its version.
                    db.Database.WaitForAdvisoryLockAsync(Cluster.AdvisoryLockSpaces.KnowledgeSeed, transactionScoped: true, CancellationToken.None).GetAwaiter().GetResult();
                }
                current = db.Set<KbPublication>().OrderByDescending(p => p.Id).FirstOrDefault() ?? SeedFromShippedFolder(db);
                seeding.Commit();
            }
            ServingPublication = current.Id;
            var corpus = LoadCorpus(db, current.VersionNumber);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var index = PolicyIndex.OpenOrBuild(corpus, IndexRoot);
            Log.VersionOpened(logger, current.VersionNumber, corpus.Documents.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return index;
        }
        finally
        {
            _gate.Release();
        }
    }

    private KbPublication SeedFromShippedFolder(BotDbContext db)
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

        var publication = new KbPublication { VersionNumber = number, Action = "seed", At = now, By = "system" };
        db.Set<KbPublication>().Add(publication);
        db.SaveChanges();
        db.Set<KbVersion>().Single(v => v.Number == number).ContentHash = LoadCorpus(db, number).ContentHash;
        db.SaveChanges();
        Log.Seeded(logger, number, sources.Count);
        return publication;
    }

    /// <summary>Runs <paramref name="edit"/> on the draft (created from the published version when there is none).</summary>
    internal async Task<T> EditDraftAsync<T>(ClaimsPrincipal user, Func<BotDbContext, int, Task<T>> edit, CancellationToken cancellationToken)
    {
        using var _ = await LockAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var draft = await EnsureDraftAsync(db, user, cancellationToken);
        var result = await edit(db, draft);
        InvalidateDraft();
        return result;
    }

    /// <summary>The draft's number, creating it as a copy of the published version when there is none. Call under the lock.</summary>
    internal async Task<int> EnsureDraftAsync(BotDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
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

    /// <summary>The draft searched in memory (it changes with every edit and is never served to workers); null without a draft.</summary>
    internal async Task<IPolicySearch?> DraftSearchAsync(CancellationToken cancellationToken)
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

        var index = PolicyIndex.BuildInMemory(corpus);
        var search = new LucenePolicySearch(new PolicyIndexHolder(() => index));
        lock (_cacheLock)
        {
            _draftSearch = (corpus.ContentHash, search);
        }

        return search;
    }

    /// <summary>A published version's search, from its index folder; a few are kept open.</summary>
    internal async Task<IPolicySearch> VersionSearchAsync(int number, CancellationToken cancellationToken)
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

    internal void InvalidateDraft()
    {
        lock (_cacheLock)
        {
            _draftSearch = null;
        }
    }

    internal static async Task<int> ResolveVersionAsync(BotDbContext db, string? version, CancellationToken cancellationToken)
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

    internal static Task<int?> DraftNumberAsync(BotDbContext db, CancellationToken cancellationToken) =>
        db.Set<KbVersion>().Where(v => v.Status == KbVersion.Draft).Select(v => (int?)v.Number).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The latest publication: the version serving questions and what served before it.</summary>
    internal static async Task<KbPublication> CurrentPublicationAsync(BotDbContext db, CancellationToken cancellationToken) =>
        await db.Set<KbPublication>().OrderByDescending(p => p.Id).FirstOrDefaultAsync(cancellationToken)
        ?? throw new KnowledgeAdminException(503, "知识库还没准备好", "知识库正在初始化,请稍后再试。");

    internal static async Task<int> CurrentVersionNumberAsync(BotDbContext db, CancellationToken cancellationToken) =>
        (await CurrentPublicationAsync(db, cancellationToken)).VersionNumber;

    internal static async Task<IReadOnlyList<RegressionQuestion>> RegressionQuestionsAsync(BotDbContext db, CancellationToken cancellationToken) =>
        [.. (await db.Set<KbRegressionQuestion>().AsNoTracking().OrderBy(q => q.Id).ToListAsync(cancellationToken))
            .Select(q => new RegressionQuestion(q.Question, SynonymTable.SplitList(q.Gold)))];

    internal static PolicyCorpus LoadCorpus(BotDbContext db, int version)
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

    internal static async Task<SourceDocument> ToSourceAsync(BotDbContext db, KbDocument row, CancellationToken cancellationToken)
    {
        var file = await db.Set<KbFile>().AsNoTracking().SingleAsync(f => f.Sha256 == row.FileSha256, cancellationToken);
        return new SourceDocument(ReadMetadata(row), row.FileName, file.Content);
    }

    internal static KbDocument AddDocumentRow(BotDbContext db, int version, SourceDocument source, int passages, string by, DateTimeOffset at, string? contentType = null)
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

    internal static string? Clip(string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim() is var v && v.Length > max ? v[..max] : value.Trim();

    internal static string Who(ClaimsPrincipal user) => user.Identity?.Name is { Length: > 0 } name ? name : "unknown";

    private static DocumentMetadata ReadMetadata(KbDocument row) =>
        JsonSerializer.Deserialize<DocumentMetadata>(row.MetadataJson, MetadataJson) ?? throw new InvalidDataException($"Metadata of {row.DocumentId} is empty.");

    private sealed class LockRelease(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "Knowledge version {Version} serving: {Documents} documents, ready in {ElapsedMs:F0} ms")]
        public static partial void VersionOpened(ILogger logger, int version, int documents, double elapsedMs);

        [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "Knowledge version {Version} seeded with {Documents} shipped documents")]
        public static partial void Seeded(ILogger logger, int version, int documents);
    }
}
