using System.Globalization;
using System.Security.Claims;
using CityWarmth.Bot.Accounts;
using CityWarmth.Bot.Data;
using CityWarmth.Knowledge.Indexing;
using CityWarmth.Knowledge.Search;
using CityWarmth.Knowledge.Versions;
using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.KnowledgeBase;

/// <summary>
/// Which version answers workers: publishing seals the draft, builds its index off the request path into its own folder
/// and swaps it into the <see cref="PolicyIndexHolder"/>; rollback swaps back the version that served before. Each
/// publication records the one it followed, so rolling back again and again walks back through what served, not
/// through version numbers.
/// </summary>
public sealed partial class KnowledgePublishing(
    KnowledgeVersionStore versions,
    PolicyIndexHolder holder,
    IPolicySearch published,
    IDbContextFactory<BotDbContext> dbFactory,
    AuditLog audit,
    TimeProvider clock,
    CityWarmth.Bot.Cluster.IClusterNotifier notifier,
    ILogger<KnowledgePublishing> logger)
{
    /// <summary>The notifier channel on which a new publication is announced to the other instances.</summary>
    internal const string PublishedChannel = "knowledge.published";

    /// <summary>
    /// Switches to the published version when another process (the bulk import, another instance) changed it.
    /// </summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        await using (var probe = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var latest = await probe.Set<KbPublication>().MaxAsync(p => (long?)p.Id, cancellationToken);
            if (latest is null || latest == versions.ServingPublication)
            {
                return false;
            }
        }

        using var _ = await versions.LockAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var publication = await KnowledgeVersionStore.CurrentPublicationAsync(db, cancellationToken);
        if (publication.Id == versions.ServingPublication)
        {
            return false;
        }

        var corpus = KnowledgeVersionStore.LoadCorpus(db, publication.VersionNumber);
        var index = await Task.Run(() => PolicyIndex.OpenOrBuild(corpus, versions.IndexRoot), cancellationToken);
        holder.Swap(index);
        versions.ServingPublication = publication.Id;
        Log.VersionOpened(logger, publication.VersionNumber, corpus.Documents.Count, 0);
        return true;
    }

    public async Task<IReadOnlyList<VersionView>> ListVersionsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var current = await KnowledgeVersionStore.CurrentVersionNumberAsync(db, cancellationToken);
        var counts = await db.Set<KbDocument>().GroupBy(d => d.VersionNumber).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var all = await db.Set<KbVersion>().AsNoTracking().OrderByDescending(v => v.Number).ToListAsync(cancellationToken);
        return [.. all.Select(v => VersionView.From(v, current, counts.GetValueOrDefault(v.Number)))];
    }

    /// <summary>Searches the draft, the published version, or version <c>n</c>.</summary>
    public async Task<SearchView> SearchAsync(string question, string? version, int maxHits, CancellationToken cancellationToken)
    {
        maxHits = Math.Clamp(maxHits, 1, 20);
        if (string.IsNullOrWhiteSpace(version) || version == "published")
        {
            return SearchView.From("published", published.Search(question, maxHits));
        }

        if (version == "draft")
        {
            var draft = await versions.DraftSearchAsync(cancellationToken)
                ?? throw new KnowledgeAdminException(404, "没有草稿", "现在没有草稿;上传文档或编辑同义词时会自动创建。");
            return SearchView.From("draft", draft.Search(question, maxHits));
        }

        if (!int.TryParse(version, out var number))
        {
            throw new KnowledgeAdminException(400, "版本参数不对", "version 只能是 draft、published 或版本号。");
        }

        var search = await versions.VersionSearchAsync(number, cancellationToken);
        return SearchView.From(number.ToString(CultureInfo.InvariantCulture), search.Search(question, maxHits));
    }

    /// <summary>Runs the regression questions on the published version and the draft.</summary>
    public async Task<RegressionView> CompareDraftAsync(CancellationToken cancellationToken)
    {
        var draft = await versions.DraftSearchAsync(cancellationToken)
            ?? throw new KnowledgeAdminException(404, "没有草稿", "现在没有草稿。");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var questions = await KnowledgeVersionStore.RegressionQuestionsAsync(db, cancellationToken);
        return RegressionView.From(RegressionComparison.Run(questions, published, draft));
    }

    /// <summary>
    /// Publishes the draft as a new version: regression run, index built in the background into its own folder, then
    /// an atomic swap. Questions asked meanwhile are answered by the previous version. A drop needs <paramref name="confirm"/>.
    /// </summary>
    public async Task<PublishOutcome> PublishAsync(ClaimsPrincipal user, bool confirm, CancellationToken cancellationToken)
    {
        using var _ = await versions.LockAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var draft = await KnowledgeVersionStore.DraftNumberAsync(db, cancellationToken)
            ?? throw new KnowledgeAdminException(409, "没有草稿", "没有可以发布的草稿。");
        var corpus = KnowledgeVersionStore.LoadCorpus(db, draft);
        var questions = await KnowledgeVersionStore.RegressionQuestionsAsync(db, cancellationToken);
        var candidateIndex = PolicyIndex.BuildInMemory(corpus);
        RegressionView regression;
        using (var candidate = new LucenePolicySearch(new PolicyIndexHolder(() => candidateIndex)))
        {
            regression = RegressionView.From(RegressionComparison.Run(questions, published, candidate));
        }

        candidateIndex.Dispose();
        if (regression.HasDrop && !confirm)
        {
            return new PublishOutcome(false, null, regression);
        }

        var index = await Task.Run(() => PolicyIndex.OpenOrBuild(corpus, versions.IndexRoot), CancellationToken.None);
        var current = await KnowledgeVersionStore.CurrentPublicationAsync(db, CancellationToken.None);
        var version = await db.Set<KbVersion>().SingleAsync(v => v.Number == draft, CancellationToken.None);
        var now = clock.GetUtcNow();
        var who = KnowledgeVersionStore.Who(user);
        version.Status = KbVersion.Sealed;
        version.ContentHash = corpus.ContentHash;
        version.PublishedAt = now;
        version.PublishedBy = who;
        var publication = new KbPublication { VersionNumber = draft, Action = "publish", At = now, By = who, PreviousId = current.Id };
        db.Add(publication);
        await db.SaveChangesAsync(CancellationToken.None);
        holder.Swap(index);
        versions.ServingPublication = publication.Id;
        notifier.Publish(PublishedChannel, publication.Id.ToString(CultureInfo.InvariantCulture));
        versions.InvalidateDraft();
        Log.Published(logger, draft, corpus.Documents.Count);
        await audit.WriteAsync(user, KnowledgeAuditActions.Published, $"kb:v{draft}",
            $"mrr {regression.PublishedMrr:0.###} -> {regression.DraftMrr:0.###}, worse {regression.Worse.Count}{(regression.HasDrop ? ", confirmed" : "")}", CancellationToken.None);
        var count = await db.Set<KbDocument>().CountAsync(d => d.VersionNumber == draft, CancellationToken.None);
        return new PublishOutcome(true, VersionView.From(version, draft, count), regression);
    }

    /// <summary>
    /// Serves an earlier version again: <paramref name="target"/>, or the version that served before the current one.
    /// Rolling back to what served before restores that publication's own past, so the next rollback goes further back;
    /// rolling back to a chosen version is like publishing it again, so the next rollback returns to the current one.
    /// </summary>
    public async Task<VersionView> RollbackAsync(ClaimsPrincipal user, int? target, CancellationToken cancellationToken)
    {
        using var _ = await versions.LockAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var current = await KnowledgeVersionStore.CurrentPublicationAsync(db, cancellationToken);
        int number;
        long? previous;
        if (target is { } chosen)
        {
            (number, previous) = (chosen, current.Id);
        }
        else
        {
            var before = current.PreviousId is { } id ? await db.Set<KbPublication>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) : null;
            if (before is null)
            {
                throw new KnowledgeAdminException(409, "没有更早的版本", "当前版本之前没有可以回退的版本。");
            }

            (number, previous) = (before.VersionNumber, before.PreviousId);
        }

        var version = await db.Set<KbVersion>().SingleOrDefaultAsync(v => v.Number == number && v.Status == KbVersion.Sealed, cancellationToken)
            ?? throw new KnowledgeAdminException(404, "没有这个版本", $"没有已发布的版本 {number}。");
        if (number == current.VersionNumber)
        {
            throw new KnowledgeAdminException(409, "已经是当前版本", $"版本 {number} 正在使用。");
        }

        var corpus = KnowledgeVersionStore.LoadCorpus(db, number);
        var index = await Task.Run(() => PolicyIndex.OpenOrBuild(corpus, versions.IndexRoot), CancellationToken.None);
        var publication = new KbPublication
        {
            VersionNumber = number,
            Action = "rollback",
            At = clock.GetUtcNow(),
            By = KnowledgeVersionStore.Who(user),
            PreviousId = previous,
        };
        db.Add(publication);
        await db.SaveChangesAsync(CancellationToken.None);
        holder.Swap(index);
        versions.ServingPublication = publication.Id;
        notifier.Publish(PublishedChannel, publication.Id.ToString(CultureInfo.InvariantCulture));
        Log.RolledBack(logger, current.VersionNumber, number);
        await audit.WriteAsync(user, KnowledgeAuditActions.RolledBack, $"kb:v{number}", $"from v{current.VersionNumber}", CancellationToken.None);
        var count = await db.Set<KbDocument>().CountAsync(d => d.VersionNumber == number, CancellationToken.None);
        return VersionView.From(version, number, count);
    }

    /// <summary>Throws the draft away; the next edit starts a fresh one from the published version.</summary>
    public async Task DiscardDraftAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        using var _ = await versions.LockAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var draft = await KnowledgeVersionStore.DraftNumberAsync(db, cancellationToken) ?? throw new KnowledgeAdminException(404, "没有草稿", "现在没有草稿。");
        await db.Set<KbDocument>().Where(d => d.VersionNumber == draft).ExecuteDeleteAsync(cancellationToken);
        await db.Set<KbSynonym>().Where(d => d.VersionNumber == draft).ExecuteDeleteAsync(cancellationToken);
        await db.Set<KbAlternateQuestion>().Where(d => d.VersionNumber == draft).ExecuteDeleteAsync(cancellationToken);
        await db.Set<KbVersion>().Where(v => v.Number == draft).ExecuteDeleteAsync(cancellationToken);
        versions.InvalidateDraft();
        await audit.WriteAsync(user, KnowledgeAuditActions.DraftDiscarded, $"kb:v{draft}", null, cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "Knowledge version {Version} serving: {Documents} documents, ready in {ElapsedMs:F0} ms")]
        public static partial void VersionOpened(ILogger logger, int version, int documents, double elapsedMs);

        [LoggerMessage(EventId = 8003, Level = LogLevel.Information, Message = "Knowledge version {Version} published with {Documents} documents")]
        public static partial void Published(ILogger logger, int version, int documents);

        [LoggerMessage(EventId = 8004, Level = LogLevel.Information, Message = "Knowledge rolled back from version {From} to {To}")]
        public static partial void RolledBack(ILogger logger, int from, int to);
    }
}
