using System.Security.Claims;
using CityWarmth.Bot.AdminApi;
using CityWarmth.Knowledge.Versions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.KnowledgeBase;

/// <summary>The knowledge administration API: documents in the draft, search, publish, rollback, synonyms, questions.</summary>
public static class KnowledgeAdminApi
{
    public sealed record RollbackRequest(int? Version);
    public sealed record PublishRequest(bool Confirm);
    public sealed record SynonymRequest(IReadOnlyList<string> Forms, IReadOnlyList<string> Terms);
    public sealed record AlternateQuestionRequest(string PassageId, string Question, IReadOnlyList<long>? UnansweredIds);
    public sealed record RegressionQuestionRequest(string Q, IReadOnlyList<string> Gold);
    public sealed record IdsRequest(IReadOnlyList<long> Ids);

    public static IEndpointRouteBuilder MapKnowledgeAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapAdminApiGroup("/api/admin")
            .DisableAntiforgery()
            .AddEndpointFilter(async (context, next) =>
            {
                try
                {
                    return await next(context);
                }
                catch (KnowledgeAdminException ex)
                {
                    return Results.Problem(title: ex.Title, detail: ex.Message, statusCode: ex.Status);
                }
            })
            .WithTags("Knowledge administration")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        var docs = api.MapGroup("/documents");
        docs.MapPost("/", async (HttpRequest request, ClaimsPrincipal user, KnowledgeDocuments kb, IOptions<KnowledgeAdminOptions> options, CancellationToken ct) =>
        {
            var (upload, input) = await ReadUploadAsync(request, options.Value.MaxUploadBytes, ct);
            var staged = await kb.StageDocumentAsync(user, upload.FileName, upload.Content, input, null, ct);
            return Results.Created($"/api/admin/documents/{staged.Document.Id}", staged);
        }).WithSummary("Upload a document into the draft (multipart: file + optional metadata fields)")
          .Accepts<UploadForm>("multipart/form-data").Produces<StagedDocument>(StatusCodes.Status201Created)
          .ProducesProblem(400).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415);

        docs.MapPost("/preview", async (HttpRequest request, KnowledgeDocuments kb, IOptions<KnowledgeAdminOptions> options, CancellationToken ct) =>
        {
            var (upload, input) = await ReadUploadAsync(request, options.Value.MaxUploadBytes, ct);
            return Results.Ok(kb.Preview(upload.FileName, upload.Content, input));
        }).WithSummary("Parse a document and show its passages without storing anything")
          .Accepts<UploadForm>("multipart/form-data").Produces<IReadOnlyList<PassageView>>()
          .ProducesProblem(400).ProducesProblem(413).ProducesProblem(415);

        docs.MapGet("/", (KnowledgeDocuments kb, CancellationToken ct) => kb.ListDocumentsAsync(ct))
            .WithSummary("Documents of the draft (with their change status) and of the published version");

        docs.MapGet("/{id}", async (string id, KnowledgeDocuments kb, CancellationToken ct) =>
            await kb.GetDocumentAsync(id, ct) is { } doc ? Results.Ok(doc) : Results.Problem(title: "没有这个文档", statusCode: 404))
            .WithSummary("A document of the draft (or the published version) with its parsed passages")
            .Produces<StagedDocument>().ProducesProblem(404);

        docs.MapPut("/{id}", async (string id, HttpRequest request, ClaimsPrincipal user, KnowledgeDocuments kb, IOptions<KnowledgeAdminOptions> options, CancellationToken ct) =>
        {
            var (upload, input) = await ReadUploadAsync(request, options.Value.MaxUploadBytes, ct);
            return Results.Ok(await kb.StageDocumentAsync(user, upload.FileName, upload.Content, input, id, ct));
        }).WithSummary("Replace a document of the draft with a new file (multipart, like upload)")
          .Accepts<UploadForm>("multipart/form-data").Produces<StagedDocument>()
          .ProducesProblem(400).ProducesProblem(404).ProducesProblem(413).ProducesProblem(415);

        docs.MapDelete("/{id}", async (string id, ClaimsPrincipal user, KnowledgeDocuments kb, CancellationToken ct) =>
        {
            await kb.RetireDocumentAsync(user, id, ct);
            return Results.NoContent();
        }).WithSummary("Retire a document: remove it from the draft").ProducesProblem(404);

        var knowledge = api.MapGroup("/knowledge");
        knowledge.MapGet("/versions", (KnowledgePublishing kb, CancellationToken ct) => kb.ListVersionsAsync(ct))
            .WithSummary("All versions, newest first; isCurrent marks the one answering questions");

        knowledge.MapGet("/search", async (string? q, string? version, int? max, KnowledgePublishing kb, CancellationToken ct) =>
            string.IsNullOrWhiteSpace(q)
                ? Results.Problem(title: "缺少问题", detail: "请用 q 参数给出问题。", statusCode: 400)
                : Results.Ok(await kb.SearchAsync(q, version, max ?? 5, ct)))
            .WithSummary("Ranked passages with scores for a question; version = draft | published (default) | a number")
            .Produces<SearchView>().ProducesProblem(400).ProducesProblem(404);

        knowledge.MapGet("/regression", (KnowledgePublishing kb, CancellationToken ct) => kb.CompareDraftAsync(ct))
            .WithSummary("Run the regression questions on the published version and the draft").ProducesProblem(404);

        knowledge.MapPost("/publish", async (HttpRequest request, bool? confirm, ClaimsPrincipal user, KnowledgePublishing kb, CancellationToken ct) =>
        {
            var confirmed = confirm ?? (await ReadJsonBodyAsync<PublishRequest>(request, ct) is { } body && body.Confirm);
            var outcome = await kb.PublishAsync(user, confirmed, ct);
            return outcome.Published
                ? Results.Created($"/api/admin/knowledge/versions/{outcome.Version!.Number}", outcome)
                : Results.Json(outcome, statusCode: StatusCodes.Status409Conflict);
        }).WithSummary("Publish the draft as a new version; when a regression question got worse, 409 unless confirm=true")
          .Produces<PublishOutcome>(StatusCodes.Status201Created).Produces<PublishOutcome>(StatusCodes.Status409Conflict);

        knowledge.MapPost("/rollback", async (HttpRequest request, ClaimsPrincipal user, KnowledgePublishing kb, CancellationToken ct) =>
        {
            var body = await ReadJsonBodyAsync<RollbackRequest>(request, ct);
            return Results.Ok(await kb.RollbackAsync(user, body?.Version, ct));
        }).WithSummary("Serve the previous version again, or {\"version\": n}").Accepts<RollbackRequest>("application/json")
          .Produces<VersionView>().ProducesProblem(404).ProducesProblem(409);

        knowledge.MapDelete("/draft", async (ClaimsPrincipal user, KnowledgePublishing kb, CancellationToken ct) =>
        {
            await kb.DiscardDraftAsync(user, ct);
            return Results.NoContent();
        }).WithSummary("Discard the draft").ProducesProblem(404);

        knowledge.MapGet("/synonyms", (string? version, KnowledgeCuration kb, CancellationToken ct) => kb.ListSynonymsAsync(version, ct))
            .WithSummary("Synonym rules of the draft (default when there is one), published, or version n");
        knowledge.MapPost("/synonyms", async (SynonymRequest body, ClaimsPrincipal user, KnowledgeCuration kb, CancellationToken ct) =>
        {
            var created = await kb.AddSynonymAsync(user, body.Forms ?? [], body.Terms ?? [], ct);
            return Results.Created($"/api/admin/knowledge/synonyms/{created.Id}", created);
        }).WithSummary("Add a rule to the draft: worker forms => policy terms").Produces<SynonymView>(201).ProducesProblem(400);
        knowledge.MapDelete("/synonyms/{id:long}", async (long id, ClaimsPrincipal user, KnowledgeCuration kb, CancellationToken ct) =>
        {
            await kb.DeleteSynonymAsync(user, id, ct);
            return Results.NoContent();
        }).WithSummary("Delete a rule from the draft").ProducesProblem(404);

        knowledge.MapGet("/alternate-questions", (string? version, KnowledgeCuration kb, CancellationToken ct) => kb.ListAlternateQuestionsAsync(version, ct))
            .WithSummary("Alternate questions of the draft (default when there is one), published, or version n");
        knowledge.MapPost("/alternate-questions", async (AlternateQuestionRequest body, ClaimsPrincipal user, KnowledgeCuration kb, CancellationToken ct) =>
        {
            var created = await kb.AddAlternateQuestionAsync(user, body.PassageId ?? "", body.Question ?? "", body.UnansweredIds, ct);
            return Results.Created($"/api/admin/knowledge/alternate-questions/{created.Id}", created);
        }).WithSummary("Attach a question to a passage of the draft (optionally resolving unanswered questions)")
          .Produces<AlternateQuestionView>(201).ProducesProblem(400).ProducesProblem(404);
        knowledge.MapDelete("/alternate-questions/{id:long}", async (long id, ClaimsPrincipal user, KnowledgeCuration kb, CancellationToken ct) =>
        {
            await kb.DeleteAlternateQuestionAsync(user, id, ct);
            return Results.NoContent();
        }).WithSummary("Delete an alternate question from the draft").ProducesProblem(404);

        knowledge.MapGet("/regression-questions", (KnowledgeCuration kb, CancellationToken ct) => kb.ListRegressionQuestionsAsync(ct))
            .WithSummary("The saved regression questions");
        knowledge.MapGet("/regression-questions/file", async (KnowledgeCuration kb, CancellationToken ct) =>
            Results.Text(RegressionQuestion.ToLines((await kb.ListRegressionQuestionsAsync(ct)).Select(q => new RegressionQuestion(q.Q, q.Gold))),
                "application/x-ndjson; charset=utf-8"))
            .WithSummary("The regression questions as a JSON-lines file");
        knowledge.MapPut("/regression-questions/file", async (HttpRequest request, ClaimsPrincipal user, KnowledgeCuration kb, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            var count = await kb.ReplaceRegressionQuestionsAsync(user, await reader.ReadToEndAsync(ct), ct);
            return Results.Ok(new { count });
        }).WithSummary("Replace all regression questions with a JSON-lines file ({\"q\":..., \"gold\":[...]} per line)").ProducesProblem(400);
        knowledge.MapPost("/regression-questions", async (RegressionQuestionRequest body, ClaimsPrincipal user, KnowledgeCuration kb, CancellationToken ct) =>
        {
            var created = await kb.AddRegressionQuestionAsync(user, body.Q ?? "", body.Gold ?? [], ct);
            return Results.Created($"/api/admin/knowledge/regression-questions/{created.Id}", created);
        }).WithSummary("Add a regression question").Produces<RegressionQuestionView>(201).ProducesProblem(400);
        knowledge.MapDelete("/regression-questions/{id:long}", async (long id, ClaimsPrincipal user, KnowledgeCuration kb, CancellationToken ct) =>
        {
            await kb.DeleteRegressionQuestionAsync(user, id, ct);
            return Results.NoContent();
        }).WithSummary("Delete a regression question").ProducesProblem(404);

        knowledge.MapGet("/unanswered", (int? max, KnowledgeCuration kb, CancellationToken ct) => kb.UnansweredGroupsAsync(max ?? 50, ct))
            .WithSummary("Questions the bot could not answer well, grouped by similarity, largest groups first");
        knowledge.MapPost("/unanswered/dismiss", async (IdsRequest body, ClaimsPrincipal user, KnowledgeCuration kb, CancellationToken ct) =>
        {
            await kb.DismissUnansweredAsync(user, body.Ids ?? [], ct);
            return Results.NoContent();
        }).WithSummary("Mark unanswered questions as handled");
        knowledge.MapPost("/answer-passages", async (AnswerPassageInput body, ClaimsPrincipal user, KnowledgeCuration kb, CancellationToken ct) =>
        {
            var created = await kb.AddAnswerPassageAsync(user, body, ct);
            return Results.Created($"/api/admin/documents/{created.Document.Id}", created);
        }).WithSummary("Answer a question with a new passage in the draft: a section of an admin-written Q&A document (default faq), "
                       + "with the question as its alternate question; optionally resolves unanswered questions")
          .Produces<AnswerPassageView>(201).ProducesProblem(400).ProducesProblem(409);
        return app;
    }

    /// <summary>
    /// An optional JSON body: null without one, the value when it reads, and a 400 refusal (nothing changed) when it is
    /// not JSON of the expected shape, such as <c>{"version":"abc"}</c>.
    /// </summary>
    internal static async Task<T?> ReadJsonBodyAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType())
        {
            return null;
        }
        try
        {
            return await request.ReadFromJsonAsync<T>(ct);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new KnowledgeAdminException(400, "请求内容读不出来", $"The body is not JSON of the expected shape ({ex.Path ?? "$"}).");
        }
    }

    /// <summary>The multipart upload form (for the OpenAPI document).</summary>
    public sealed class UploadForm
    {
        public IFormFile? File { get; set; }
        public string? DocumentId { get; set; }
        public string? Title { get; set; }
        public string? Issuer { get; set; }
        public string? DocumentNumber { get; set; }
        public DateOnly? Date { get; set; }
        public string? Region { get; set; }
        public DateOnly? EffectiveFrom { get; set; }
        public DateOnly? ExpiresOn { get; set; }
    }

    internal sealed record Upload(string FileName, byte[] Content);

    /// <summary>Reads the multipart form: the file (bounded by the configured limit) and the metadata fields.</summary>
    internal static async Task<(Upload Upload, DocumentInput Input)> ReadUploadAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            throw new KnowledgeAdminException(415, "需要表单上传", "请用 multipart/form-data 上传,文件字段名为 file。");
        }

        // Headroom for the other form fields; a body beyond it is cut off by the server with 413.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = maxBytes + 64 * 1024;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new KnowledgeAdminException(413, "文件太大", $"文件最大 {maxBytes} 字节。");
        }
        catch (InvalidDataException ex)
        {
            throw new KnowledgeAdminException(400, "表单读不出来", ex.Message);
        }

        var file = form.Files.GetFile("file") ?? throw new KnowledgeAdminException(400, "缺少文件", "表单里没有 file 字段。");
        if (file.Length > maxBytes)
        {
            throw new KnowledgeAdminException(413, "文件太大", $"文件最大 {maxBytes} 字节。");
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        string? Field(string name) => form.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString() : null;
        DateOnly? DateField(string name) => Field(name) is not { } text ? null
            : DateOnly.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d
            : throw new KnowledgeAdminException(400, "日期格式不对", $"{name} 要写成 2024-01-31。");
        var input = new DocumentInput(Field("documentId"), Field("title"), Field("issuer"), Field("documentNumber"), DateField("date"),
            Field("region"), DateField("effectiveFrom"), DateField("expiresOn"));
        return (new Upload(file.FileName, buffer.ToArray()), input);
    }
}
