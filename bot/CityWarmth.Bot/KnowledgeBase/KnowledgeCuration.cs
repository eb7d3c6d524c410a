using System.Security.Claims;
using System.Text;
using CityWarmth.Bot.Accounts;
using CityWarmth.Bot.Data;
using CityWarmth.Knowledge.Documents;
using CityWarmth.Knowledge.Search;
using CityWarmth.Knowledge.Versions;
using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.KnowledgeBase;

/// <summary>
/// What admins add so that workers' questions find their answers: synonym rules and alternate questions (edited in
/// the draft, published with it), the regression questions every publication is checked against, and the questions
/// the bot did not answer well, which an admin dismisses or answers with a new passage.
/// </summary>
public sealed class KnowledgeCuration(
    KnowledgeVersionStore versions,
    IDbContextFactory<BotDbContext> dbFactory,
    AuditLog audit,
    TimeProvider clock)
{
    // ---- synonyms and alternate questions (edited in the draft) ----

    public async Task<IReadOnlyList<SynonymView>> ListSynonymsAsync(string? version, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var number = await KnowledgeVersionStore.ResolveVersionAsync(db, version, cancellationToken);
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

        return await versions.EditDraftAsync(user, async (db, draft) =>
        {
            var row = new KbSynonym { VersionNumber = draft, Forms = string.Join(", ", cleanForms), Terms = string.Join(", ", cleanTerms) };
            db.Add(row);
            await db.SaveChangesAsync(cancellationToken);
            await audit.WriteAsync(user, KnowledgeAuditActions.SynonymAdded, $"kb:v{draft}:synonym:{row.Id}", SynonymTable.FormatRule(cleanForms, cleanTerms), cancellationToken);
            return new SynonymView(row.Id, draft, cleanForms, cleanTerms);
        }, cancellationToken);
    }

    public Task DeleteSynonymAsync(ClaimsPrincipal user, long id, CancellationToken cancellationToken) =>
        versions.EditDraftAsync(user, async (db, draft) =>
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
        var number = await KnowledgeVersionStore.ResolveVersionAsync(db, version, cancellationToken);
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

        return await versions.EditDraftAsync(user, async (db, draft) =>
        {
            if (KnowledgeVersionStore.LoadCorpus(db, draft).FindPassage(passageId) is null)
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
        versions.EditDraftAsync(user, async (db, draft) =>
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

        using var _ = await versions.LockAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var draft = await versions.EnsureDraftAsync(db, user, cancellationToken);
        var existing = await db.Set<KbDocument>().SingleOrDefaultAsync(d => d.VersionNumber == draft && d.DocumentId == documentId, cancellationToken);
        SourceDocument before;
        if (existing is null)
        {
            var metadata = new DocumentMetadata
            {
                Id = documentId,
                Title = KnowledgeVersionStore.Clip(input.DocumentTitle, 200) ?? FaqTitle,
                Issuer = KnowledgeVersionStore.Clip(input.Issuer, 300) ?? FaqIssuer,
                Date = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
                Kind = "faq",
            };
            before = new SourceDocument(metadata, documentId + ".md", Encoding.UTF8.GetBytes("# " + MarkdownText(metadata.Title) + "\n"));
        }
        else if (!existing.FileName.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            throw new KnowledgeAdminException(409, "不能加到这个文档", $"文档 {documentId} 是上传的 {Path.GetExtension(existing.FileName)} 文件;新段落只能加到问答文档(.md)里。");
        }
        else
        {
            before = await KnowledgeVersionStore.ToSourceAsync(db, existing, cancellationToken);
        }

        var oldPassages = existing is null ? [] : KnowledgeSet.Parse(before.Metadata, before.FileName, before.Content).Passages;
        // One paragraph: a line such as "1. 带身份证" would otherwise open a section of its own and split the answer.
        var lines = answer.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(MarkdownText);
        var section = new StringBuilder("\n\n## ").Append(MarkdownText(heading)).Append("\n\n")
            .AppendJoin('\n', lines).Append('\n');

        var source = before with { Content = [.. before.Content, .. Encoding.UTF8.GetBytes(section.ToString())] };
        var parsed = KnowledgeSet.Parse(source.Metadata, source.FileName, source.Content);
        var added = parsed.Passages.Where(p => !oldPassages.Any(o => o.Id == p.Id && o.Text == p.Text)).ToList();
        var passage = added.FirstOrDefault(p => p.Heading == heading) ?? added.FirstOrDefault()
            ?? throw new KnowledgeAdminException(400, "没有生成段落", "答案里没有可以检索的文字。");

        if (existing is not null)
        {
            db.Remove(existing);
            await db.SaveChangesAsync(cancellationToken);
        }

        var row = KnowledgeVersionStore.AddDocumentRow(db, draft, source, parsed.Passages.Count, KnowledgeVersionStore.Who(user), clock.GetUtcNow(), "text/markdown");
        var alternate = new KbAlternateQuestion { VersionNumber = draft, PassageId = passage.Id, Question = question };
        db.Add(alternate);
        var resolves = input.UnansweredIds ?? [];
        if (resolves.Count > 0)
        {
            await db.Set<KbUnansweredQuestion>().Where(u => resolves.Contains(u.Id)).ExecuteUpdateAsync(u => u.SetProperty(x => x.Resolved, true), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        versions.InvalidateDraft();
        await audit.WriteAsync(user, KnowledgeAuditActions.PassageAdded, $"kb:v{draft}:{passage.Id}", $"{question} ({resolves.Count} unanswered resolved)", cancellationToken);
        return new AnswerPassageView(draft, DocumentView.From(row, existing is null ? "added" : "replaced"), PassageView.From(passage),
            new AlternateQuestionView(alternate.Id, draft, passage.Id, question));
    }

    /// <summary>The admin-written question-and-answer document new passages go to unless another is named.</summary>
    public const string FaqDocumentId = "faq";

    private const string FaqTitle = "常见问题";

    private const string FaqIssuer = "城暖助手工作人员整理";

    private static string OneLine(string? text) => string.Join(' ', (text ?? "").Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    // Markdown reads "1." "#" "-" "*" and the like as structure: escaping every ASCII punctuation keeps the text as written.
    private static string MarkdownText(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
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

    private static List<string> CleanList(IEnumerable<string> items) =>
        [.. items.SelectMany(SynonymTable.SplitList).Where(s => s.Length is > 0 and <= 50 && !s.Contains("=>", StringComparison.Ordinal)).Distinct()];
}
