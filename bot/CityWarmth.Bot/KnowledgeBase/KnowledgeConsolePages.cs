using System.Globalization;
using System.Net;
using System.Text;
using CityWarmth.Bot.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.KnowledgeBase;

/// <summary>
/// The console's knowledge pages (/console/knowledge): upload with a parse preview, retrieval test draft vs
/// published, publish with the regression diff, versions and rollback, synonyms, alternate questions, unanswered
/// questions, regression questions. Server-rendered; every text is HTML-encoded; every form carries an antiforgery token.
/// </summary>
public static class KnowledgeConsolePages
{
    private const string Root = "/console/knowledge";

    public static IEndpointRouteBuilder MapKnowledgeConsolePages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup(Root).RequireAuthorization(AccountsServiceCollectionExtensions.AdminPolicy).ExcludeFromDescription();

        pages.MapGet("/", async (HttpContext http, KnowledgeDocuments documents, KnowledgePublishing publishing, CancellationToken ct) =>
        {
            var list = await documents.ListDocumentsAsync(ct);
            var versions = await publishing.ListVersionsAsync(ct);
            var sb = new StringBuilder();
            sb.Append("<div class=\"card\"><h1>知识库</h1><p>正在使用:版本 ").Append(list.PublishedVersion);
            sb.Append(list.DraftVersion is { } d ? $",草稿:版本 {d}(尚未生效)" : ",没有草稿").Append("</p>");
            sb.Append("<p><a href=\"").Append(Root).Append("/test\">命中测试</a> · <a href=\"").Append(Root).Append("/publish\">发布</a> · <a href=\"")
              .Append(Root).Append("/synonyms\">同义词</a> · <a href=\"").Append(Root).Append("/alternates\">相似问法</a> · <a href=\"")
              .Append(Root).Append("/unanswered\">未答好的问题</a> · <a href=\"").Append(Root).Append("/regression\">回归问题</a></p></div>");

            sb.Append("<div class=\"card\"><h2>上传文档到草稿</h2><form method=\"post\" action=\"").Append(Root).Append("/upload\" enctype=\"multipart/form-data\" id=\"upload-form\">")
              .Append(Token(http))
              .Append("<label>文件(.txt .md .html .docx .pdf)<input type=\"file\" name=\"file\" required></label>")
              .Append(Input("title", "标题")).Append(Input("issuer", "发文单位")).Append(Input("documentNumber", "文号"))
              .Append(Input("date", "发文日期", "date")).Append(Input("region", "地区")).Append(Input("effectiveFrom", "生效日期", "date"))
              .Append(Input("expiresOn", "失效日期", "date")).Append(Input("documentId", "文档编号(英文,替换时填原编号)"))
              .Append("<label><input type=\"checkbox\" name=\"replace\" value=\"true\" style=\"width:auto\"> 替换同编号的文档</label>")
              .Append("<button type=\"submit\">上传并预览</button></form></div>");

            sb.Append("<div class=\"card\"><h2>文档</h2><table><thead><tr><th>编号</th><th>标题</th><th>文号</th><th>文件</th><th>段落</th><th>状态</th><th></th></tr></thead><tbody>");
            var rows = list.DraftVersion is null ? list.Published : list.Draft;
            foreach (var doc in rows)
            {
                sb.Append("<tr><td>").Append(E(doc.Id)).Append("</td><td>").Append(E(doc.Title)).Append("</td><td>").Append(E(doc.DocumentNumber ?? ""))
                  .Append("</td><td>").Append(E(doc.FileName)).Append("</td><td>").Append(doc.PassageCount).Append("</td><td>").Append(E(StatusText(doc.Status))).Append("</td><td>");
                if (doc.Status != "retired")
                {
                    sb.Append("<form method=\"post\" class=\"inline\" action=\"").Append(Root).Append("/retire\">").Append(Token(http))
                      .Append("<input type=\"hidden\" name=\"id\" value=\"").Append(E(doc.Id)).Append("\"><button type=\"submit\" class=\"link\">下架</button></form>");
                }

                sb.Append("</td></tr>");
            }

            sb.Append("</tbody></table></div>");
            sb.Append("<div class=\"card\"><h2>版本</h2><table id=\"versions\"><thead><tr><th>版本</th><th>状态</th><th>发布</th><th>文档</th><th></th></tr></thead><tbody>");
            foreach (var v in versions)
            {
                sb.Append("<tr><td>").Append(v.Number).Append("</td><td>").Append(v.IsCurrent ? "正在使用" : v.Status == KbVersion.Draft ? "草稿" : "历史版本")
                  .Append("</td><td>").Append(E(v.PublishedAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "")).Append(' ').Append(E(v.PublishedBy ?? ""))
                  .Append("</td><td>").Append(v.Documents).Append("</td><td>");
                if (!v.IsCurrent && v.Status == KbVersion.Sealed)
                {
                    sb.Append("<form method=\"post\" class=\"inline\" action=\"").Append(Root).Append("/rollback\">").Append(Token(http))
                      .Append("<input type=\"hidden\" name=\"version\" value=\"").Append(v.Number).Append("\"><button type=\"submit\">回退到此版本</button></form>");
                }

                sb.Append("</td></tr>");
            }

            sb.Append("</tbody></table></div>");
            return Html(http, "知识库", sb);
        });

        pages.MapPost("/upload", async (HttpContext http, KnowledgeDocuments kb, IOptions<KnowledgeAdminOptions> options, CancellationToken ct) =>
        {
            try
            {
                var (upload, input) = await KnowledgeAdminApi.ReadUploadAsync(http.Request, options.Value.MaxUploadBytes, ct);
                if (await Invalid(http))
                {
                    return Results.BadRequest();
                }

                var replace = http.Request.Form["replace"] == "true" ? input.DocumentId : null;
                var staged = await kb.StageDocumentAsync(http.User, upload.FileName, upload.Content, input, replace, ct);
                var sb = new StringBuilder("<div class=\"card\"><h1>解析预览</h1><p class=\"notice\">已放入草稿,还没有生效。发布后工友才能查到。</p><p>")
                    .Append(E(staged.Document.Title)).Append("(").Append(E(staged.Document.Id)).Append(")共 ").Append(staged.Passages.Count).Append(" 段</p>")
                    .Append("<table id=\"preview\"><thead><tr><th>段落</th><th>章节</th><th>内容</th></tr></thead><tbody>");
                foreach (var p in staged.Passages)
                {
                    sb.Append("<tr><td>").Append(E(p.Id)).Append("</td><td>").Append(E(string.Join(" › ", p.SectionPath))).Append("</td><td>").Append(E(Short(p.Text, 200))).Append("</td></tr>");
                }

                sb.Append("</tbody></table><p><a href=\"").Append(Root).Append("/test\">去命中测试</a> · <a href=\"").Append(Root).Append("\">返回</a></p></div>");
                return Html(http, "解析预览", sb);
            }
            catch (KnowledgeAdminException ex)
            {
                return Html(http, "上传失败", ErrorCard(ex), ex.Status);
            }
        });

        pages.MapPost("/retire", (HttpContext http, KnowledgeDocuments kb, CancellationToken ct) =>
            Act(http, async form => await kb.RetireDocumentAsync(http.User, form["id"].ToString(), ct), Root));

        pages.MapPost("/rollback", (HttpContext http, KnowledgePublishing kb, CancellationToken ct) =>
            Act(http, async form => await kb.RollbackAsync(http.User, int.TryParse(form["version"], out var n) ? n : null, ct), Root));

        pages.MapGet("/test", async (HttpContext http, string? q, KnowledgePublishing kb, CancellationToken ct) =>
        {
            var sb = new StringBuilder("<div class=\"card\"><h1>命中测试</h1><form method=\"get\" class=\"row\"><input name=\"q\" id=\"q\" value=\"")
                .Append(E(q ?? "")).Append("\" placeholder=\"输入工友会问的问题\"><button type=\"submit\">测试</button></form></div>");
            if (!string.IsNullOrWhiteSpace(q))
            {
                var published = await kb.SearchAsync(q, "published", 5, ct);
                SearchView? draft = null;
                try
                {
                    draft = await kb.SearchAsync(q, "draft", 5, ct);
                }
                catch (KnowledgeAdminException)
                {
                    // No draft: only the published side is shown.
                }

                sb.Append("<div class=\"case-grid\"><div class=\"card\" id=\"draft-results\"><h2>草稿</h2>").Append(draft is null ? "<p class=\"empty\">没有草稿</p>" : Hits(draft))
                  .Append("</div><div class=\"card\" id=\"published-results\"><h2>正在使用</h2>").Append(Hits(published)).Append("</div></div>");
            }

            return Html(http, "命中测试", sb);
        });

        pages.MapGet("/publish", async (HttpContext http, KnowledgePublishing kb, CancellationToken ct) =>
        {
            RegressionView regression;
            try
            {
                regression = await kb.CompareDraftAsync(ct);
            }
            catch (KnowledgeAdminException ex)
            {
                return Html(http, "发布", ErrorCard(ex), ex.Status);
            }

            var sb = new StringBuilder("<div class=\"card\"><h1>发布草稿</h1>").Append(RegressionHtml(regression))
                .Append("<form method=\"post\" action=\"").Append(Root).Append("/publish\" id=\"publish-form\">").Append(Token(http));
            if (regression.HasDrop)
            {
                sb.Append("<p class=\"error\">有问题的结果变差了。确认要发布吗?</p><label><input type=\"checkbox\" name=\"confirm\" value=\"true\" style=\"width:auto\"> 我已看过变差的问题,确认发布</label>");
            }

            sb.Append("<button type=\"submit\">发布</button></form></div>");
            return Html(http, "发布", sb);
        });

        pages.MapPost("/publish", async (HttpContext http, KnowledgePublishing kb, CancellationToken ct) =>
        {
            if (await Invalid(http))
            {
                return Results.BadRequest();
            }

            try
            {
                var outcome = await kb.PublishAsync(http.User, http.Request.Form["confirm"] == "true", ct);
                var sb = new StringBuilder("<div class=\"card\"><h1>").Append(outcome.Published ? $"已发布版本 {outcome.Version!.Number}" : "没有发布").Append("</h1>");
                sb.Append(outcome.Published ? "<p class=\"notice\" id=\"published\">新版本已生效,不需要重启。</p>" : "<p class=\"error\">有问题的结果变差了,需要勾选确认后再发布。</p>");
                sb.Append(RegressionHtml(outcome.Regression)).Append("<p><a href=\"").Append(Root).Append("\">返回知识库</a></p></div>");
                return Html(http, "发布", sb, outcome.Published ? 200 : 409);
            }
            catch (KnowledgeAdminException ex)
            {
                return Html(http, "发布失败", ErrorCard(ex), ex.Status);
            }
        });

        pages.MapGet("/synonyms", async (HttpContext http, KnowledgeCuration kb, CancellationToken ct) =>
        {
            var sb = new StringBuilder("<div class=\"card\"><h1>同义词</h1><p class=\"muted\">工友的说法 → 政策里的说法。改动进草稿,发布后生效;内置词表总在使用。</p><table><tbody>");
            foreach (var s in await kb.ListSynonymsAsync(null, ct))
            {
                sb.Append("<tr><td>").Append(E(string.Join("、", s.Forms))).Append("</td><td>→ ").Append(E(string.Join("、", s.Terms))).Append("</td><td>")
                  .Append(DeleteForm(http, Root + "/synonyms/delete", s.Id)).Append("</td></tr>");
            }

            sb.Append("</tbody></table><form method=\"post\" action=\"").Append(Root).Append("/synonyms\">").Append(Token(http))
              .Append(Input("forms", "工友说法(逗号分隔)")).Append(Input("terms", "政策用语(逗号分隔)")).Append("<button type=\"submit\">添加</button></form></div>");
            return Html(http, "同义词", sb);
        });
        pages.MapPost("/synonyms", (HttpContext http, KnowledgeCuration kb, CancellationToken ct) =>
            Act(http, async form => await kb.AddSynonymAsync(http.User, [form["forms"].ToString()], [form["terms"].ToString()], ct), Root + "/synonyms"));
        pages.MapPost("/synonyms/delete", (HttpContext http, KnowledgeCuration kb, CancellationToken ct) =>
            Act(http, async form => await kb.DeleteSynonymAsync(http.User, long.Parse(form["id"].ToString(), CultureInfo.InvariantCulture), ct), Root + "/synonyms"));

        pages.MapGet("/alternates", async (HttpContext http, string? passageId, string? question, KnowledgeCuration kb, CancellationToken ct) =>
        {
            var sb = new StringBuilder("<div class=\"card\"><h1>相似问法</h1><p class=\"muted\">给段落加上工友常见的问法,这样问也能找到它。改动进草稿,发布后生效。</p><table><tbody>");
            foreach (var a in await kb.ListAlternateQuestionsAsync(null, ct))
            {
                sb.Append("<tr><td>").Append(E(a.PassageId)).Append("</td><td>").Append(E(a.Question)).Append("</td><td>")
                  .Append(DeleteForm(http, Root + "/alternates/delete", a.Id)).Append("</td></tr>");
            }

            sb.Append("</tbody></table>").Append(AlternateForm(http, passageId, question, null)).Append("</div>");
            return Html(http, "相似问法", sb);
        });
        pages.MapPost("/alternates", (HttpContext http, KnowledgeCuration kb, CancellationToken ct) =>
            Act(http, async form =>
            {
                var ids = form["ids"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries)
                    .Select(s => long.TryParse(s, out var id) ? id : -1).Where(id => id > 0).ToList();
                await kb.AddAlternateQuestionAsync(http.User, form["passageId"].ToString().Trim(), form["question"].ToString(), ids, ct);
            }, Root + "/alternates"));
        pages.MapPost("/alternates/delete", (HttpContext http, KnowledgeCuration kb, CancellationToken ct) =>
            Act(http, async form => await kb.DeleteAlternateQuestionAsync(http.User, long.Parse(form["id"].ToString(), CultureInfo.InvariantCulture), ct), Root + "/alternates"));

        pages.MapGet("/unanswered", async (HttpContext http, KnowledgeCuration kb, CancellationToken ct) =>
        {
            var sb = new StringBuilder("<div class=\"card\"><h1>没答好的问题</h1><p class=\"muted\">按相似程度分组(没找到、把握不大、没听懂、点了“没帮到我”、转了人工)。可以把问法挂到某个段落上,或者写一段答案加为新段落。</p>");
            var groups = await kb.UnansweredGroupsAsync(50, ct);
            if (groups.Count == 0)
            {
                sb.Append("<p class=\"empty\">暂时没有。</p>");
            }

            foreach (var g in groups)
            {
                sb.Append("<div class=\"card\"><p><strong>").Append(E(g.Representative)).Append("</strong> <span class=\"badge\">").Append(g.Count).Append(" 次</span></p>");
                if (g.Wordings.Count > 1)
                {
                    sb.Append("<p class=\"muted\">").Append(E(string.Join(" / ", g.Wordings.Take(5)))).Append("</p>");
                }

                sb.Append("<p class=\"muted reasons\">").Append(E(string.Join(" · ", g.Reasons.Select(r => $"{ReasonText(r.Key)} {r.Value}")))).Append("</p>");
                if (g.Passages.Count > 0)
                {
                    sb.Append("<p class=\"muted\">当时引用:");
                    foreach (var passage in g.Passages.Take(5))
                    {
                        sb.Append("<a href=\"/kb/").Append(Uri.EscapeDataString(passage)).Append("\">").Append(E(passage)).Append("</a> ");
                    }

                    sb.Append("</p>");
                }

                if (g.Comments.Count > 0)
                {
                    sb.Append("<p class=\"muted\">工友说:").Append(E(string.Join(" / ", g.Comments.Take(3)))).Append("</p>");
                }

                sb.Append("<p><a href=\"").Append(Root).Append("/test?q=").Append(Uri.EscapeDataString(g.Representative)).Append("\">命中测试</a></p>")
                  .Append(AlternateForm(http, null, g.Representative, g.Ids))
                  .Append(AnswerPassageForm(http, g.Representative, g.Ids))
                  .Append("<form method=\"post\" action=\"").Append(Root).Append("/unanswered/dismiss\">").Append(Token(http))
                  .Append("<input type=\"hidden\" name=\"ids\" value=\"").Append(string.Join(',', g.Ids)).Append("\"><button type=\"submit\" class=\"link\">忽略</button></form></div>");
            }

            sb.Append("</div>");
            return Html(http, "没答好的问题", sb);
        });
        pages.MapPost("/unanswered/passage", async (HttpContext http, KnowledgeCuration kb, CancellationToken ct) =>
        {
            if (await Invalid(http))
            {
                return Results.BadRequest();
            }

            var form = await http.Request.ReadFormAsync(ct);
            string? Field(string name) => string.IsNullOrWhiteSpace(form[name]) ? null : form[name].ToString();
            try
            {
                var created = await kb.AddAnswerPassageAsync(http.User, new AnswerPassageInput(Field("question"), Field("heading"), Field("answer"),
                    Field("documentId"), Field("documentTitle"), null, ParseIds(form["ids"].ToString())), ct);
                var sb = new StringBuilder("<div class=\"card\"><h1>已加为新段落</h1><p class=\"notice\" id=\"passage-added\">已放入草稿,还没有生效。发布后工友才能查到。</p><p>")
                    .Append(E(created.Document.Title)).Append(" › ").Append(E(created.Passage.Heading)).Append("(").Append(E(created.Passage.Id)).Append(")</p><p>")
                    .Append(E(Short(created.Passage.Text, 400))).Append("</p><p><a href=\"").Append(Root).Append("/test?q=").Append(Uri.EscapeDataString(created.AlternateQuestion.Question))
                    .Append("\">命中测试</a> · <a href=\"").Append(Root).Append("/publish\">发布</a> · <a href=\"").Append(Root).Append("/unanswered\">返回</a></p></div>");
                return Html(http, "已加为新段落", sb);
            }
            catch (KnowledgeAdminException ex)
            {
                return Html(http, "操作失败", ErrorCard(ex), ex.Status);
            }
        });
        pages.MapPost("/unanswered/dismiss", (HttpContext http, KnowledgeCuration kb, CancellationToken ct) =>
            Act(http, async form => await kb.DismissUnansweredAsync(http.User,
                [.. form["ids"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => long.TryParse(s, out var id) ? id : -1).Where(id => id > 0)], ct),
                Root + "/unanswered"));

        pages.MapGet("/regression", async (HttpContext http, KnowledgeCuration kb, CancellationToken ct) =>
        {
            var questions = await kb.ListRegressionQuestionsAsync(ct);
            var text = Knowledge.Versions.RegressionQuestion.ToLines(questions.Select(q => new Knowledge.Versions.RegressionQuestion(q.Q, q.Gold)));
            var sb = new StringBuilder("<div class=\"card\"><h1>回归问题</h1><p class=\"muted\">每行一个:{\"q\": \"问题\", \"gold\": [\"章节号或段落编号\"]}。发布前会在草稿和正在使用的版本上各跑一遍。</p><form method=\"post\" action=\"")
                .Append(Root).Append("/regression\">").Append(Token(http)).Append("<textarea name=\"lines\" rows=\"16\">").Append(E(text))
                .Append("</textarea><button type=\"submit\">保存</button></form></div>");
            return Html(http, "回归问题", sb);
        });
        pages.MapPost("/regression", (HttpContext http, KnowledgeCuration kb, CancellationToken ct) =>
            Act(http, async form => await kb.ReplaceRegressionQuestionsAsync(http.User, form["lines"].ToString(), ct), Root + "/regression"));
        return app;
    }

    private static async Task<IResult> Act(HttpContext http, Func<IFormCollection, Task> action, string back)
    {
        if (await Invalid(http))
        {
            return Results.BadRequest();
        }

        try
        {
            await action(await http.Request.ReadFormAsync(http.RequestAborted));
            return Results.Redirect(back);
        }
        catch (KnowledgeAdminException ex)
        {
            return Html(http, "操作失败", ErrorCard(ex), ex.Status);
        }
    }

    private static async Task<bool> Invalid(HttpContext http) =>
        !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http);

    private static string Token(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken ?? "")}\">";
    }

    private static string Input(string name, string label, string type = "text") =>
        $"<label>{E(label)}<input type=\"{type}\" name=\"{name}\"></label>";

    private static string DeleteForm(HttpContext http, string action, long id) =>
        $"<form method=\"post\" class=\"inline\" action=\"{action}\">{Token(http)}<input type=\"hidden\" name=\"id\" value=\"{id}\"><button type=\"submit\" class=\"link\">删除</button></form>";

    private static string AlternateForm(HttpContext http, string? passageId, string? question, IReadOnlyList<long>? ids) =>
        $"<form method=\"post\" action=\"{Root}/alternates\">{Token(http)}<input type=\"hidden\" name=\"ids\" value=\"{string.Join(',', ids ?? [])}\">" +
        $"<div class=\"row\"><input name=\"passageId\" placeholder=\"段落编号,如 chengnuan-2023-p07\" value=\"{E(passageId ?? "")}\" required>" +
        $"<input name=\"question\" placeholder=\"问法\" value=\"{E(question ?? "")}\" required><button type=\"submit\">加为相似问法</button></div></form>";

    private static string AnswerPassageForm(HttpContext http, string question, IReadOnlyList<long> ids) =>
        $"<details><summary>写答案,加为新段落</summary><form method=\"post\" action=\"{Root}/unanswered/passage\" class=\"answer-form\">{Token(http)}" +
        $"<input type=\"hidden\" name=\"ids\" value=\"{string.Join(',', ids)}\">" +
        $"<label>问法<input name=\"question\" value=\"{E(question)}\" maxlength=\"200\" required></label>" +
        $"<label>小标题<input name=\"heading\" maxlength=\"100\" required></label>" +
        $"<label>答案<textarea name=\"answer\" rows=\"5\" maxlength=\"4000\" required></textarea></label>" +
        $"<label>加到文档(编号,默认 {KnowledgeCuration.FaqDocumentId})<input name=\"documentId\" placeholder=\"{KnowledgeCuration.FaqDocumentId}\"></label>" +
        $"<label>文档标题(新建时用,默认 常见问题)<input name=\"documentTitle\"></label>" +
        "<button type=\"submit\">加为新段落</button></form></details>";

    private static List<long> ParseIds(string ids) =>
        [.. ids.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => long.TryParse(s, out var id) ? id : -1).Where(id => id > 0)];

    private static string ReasonText(string reason) => reason switch
    {
        "not-found" => "没找到",
        "low" => "把握不大",
        "unclear" => "没听懂",
        "thumbs-down" => "没帮到我",
        "handed-off" => "转了人工",
        _ => reason,
    };

    private static string Hits(SearchView view)
    {
        if (view.Hits.Count == 0)
        {
            return "<p class=\"empty\">没有找到</p>";
        }

        var sb = new StringBuilder("<p class=\"muted\">置信度 ").Append(view.Confidence.ToString("0.00", CultureInfo.InvariantCulture)).Append("</p><ol>");
        foreach (var h in view.Hits)
        {
            sb.Append("<li><strong>").Append(E(h.DocumentTitle)).Append(' ').Append(E(h.Heading)).Append("</strong> <span class=\"badge\">")
              .Append(h.Score.ToString("0.000", CultureInfo.InvariantCulture)).Append("</span><br><span class=\"muted\">").Append(E(h.PassageId))
              .Append("</span><br>").Append(E(h.Answer)).Append("</li>");
        }

        return sb.Append("</ol>").ToString();
    }

    private static string RegressionHtml(RegressionView r)
    {
        var sb = new StringBuilder("<p id=\"regression-summary\">回归问题 ").Append(r.Questions).Append(" 个;MRR 正在使用 ")
            .Append(r.PublishedMrr.ToString("0.000", CultureInfo.InvariantCulture)).Append(" → 草稿 ").Append(r.DraftMrr.ToString("0.000", CultureInfo.InvariantCulture))
            .Append(";变好 ").Append(r.Better.Count).Append(",变差 ").Append(r.Worse.Count).Append("</p>");
        void Table(string title, IReadOnlyList<Knowledge.Versions.RegressionOutcome> rows, string id)
        {
            if (rows.Count == 0)
            {
                return;
            }

            sb.Append("<h3>").Append(title).Append("</h3><table id=\"").Append(id).Append("\"><thead><tr><th>问题</th><th>答案</th><th>正在使用</th><th>草稿</th></tr></thead><tbody>");
            foreach (var o in rows)
            {
                sb.Append("<tr><td>").Append(E(o.Question)).Append("</td><td>").Append(E(string.Join("、", o.Gold))).Append("</td><td>").Append(Rank(o.BaselineRank))
                  .Append("</td><td>").Append(Rank(o.CandidateRank)).Append("</td></tr>");
            }

            sb.Append("</tbody></table>");
        }

        Table("变差", r.Worse, "worse");
        Table("变好", r.Better, "better");
        return sb.ToString();
    }

    private static string Rank(int rank) => rank > 0 ? $"第 {rank} 名" : "没找到";

    private static StringBuilder ErrorCard(KnowledgeAdminException ex) => new StringBuilder("<div class=\"card\"><h1 class=\"error\">")
        .Append(E(ex.Title)).Append("</h1><p>").Append(E(ex.Message)).Append("</p><p><a href=\"").Append(Root).Append("\">返回知识库</a></p></div>");

    private static string StatusText(string status) => status switch
    {
        "added" => "新增(草稿)",
        "replaced" => "已替换(草稿)",
        "retired" => "下架(草稿)",
        "unchanged" => "未改动",
        _ => "已发布",
    };

    private static string Short(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static IResult Html(HttpContext http, string title, StringBuilder body, int status = 200)
    {
        var sb = new StringBuilder("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
            .Append(E(title)).Append(" · 城暖助手工作台</title><link rel=\"stylesheet\" href=\"/console/assets/console.css\"></head><body><header class=\"top\"><a class=\"brand\" href=\"/console\">城暖助手 · 工作台</a><nav>")
            .Append("<a href=\"/console\">队列</a><a href=\"").Append(Root).Append("\">知识库</a><a href=\"/console/audit\">审计日志</a><span class=\"who\">")
            .Append(E(http.User.FindFirst(ConsoleClaims.DisplayName)?.Value ?? http.User.Identity?.Name ?? "")).Append("</span></nav></header><main>")
            .Append(body).Append("</main></body></html>");
        return Results.Content(sb.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
