using CityWarmth.Bot.AdminApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityWarmth.Bot.Jobs;

/// <summary>Admin endpoints for jobs: postings import and the wage-arrears offenders list.</summary>
public static class JobsAdminApi
{
    public const long MaxFileBytes = 10 * 1024 * 1024;

    public static IEndpointRouteBuilder MapJobsAdminApi(this IEndpointRouteBuilder app)
    {
        // The same gate as every admin API: a console admin or a key from Admin:ApiKeys.
        var api = app.MapAdminApiGroup("/api/admin/jobs").WithTags("Admin");
        api.MapPost("/import", ImportAsync).DisableAntiforgery();

        // The 拖欠农民工工资失信联合惩戒名单: employers listed here never appear in job results.
        api.MapGet("/offenders", async (EfJobStore store, CancellationToken ct) =>
            TypedResults.Ok((await store.ListOffenderRecordsAsync(ct)).Select(o => new OffenderResponse(o.Id, o.EmployerName, o.CreditCode, o.ListedOn, o.Source))));
        api.MapPost("/offenders", AddOffenderAsync).DisableAntiforgery();
        api.MapDelete("/offenders/{id:long}", async Task<Results<NoContent, NotFound>> (long id, EfJobStore store, Accounts.AuditLog audit, HttpContext http, CancellationToken ct) =>
        {
            if (!await store.RemoveOffenderAsync(id, ct))
            {
                return TypedResults.NotFound();
            }
            await audit.WriteAsync(http.User, "jobs.offender.remove", $"offender:{id}", null, ct);
            return TypedResults.NoContent();
        });
        return app;
    }

    private static async Task<Results<Created<OffenderRequest>, ProblemHttpResult>> AddOffenderAsync(
        OffenderRequest body, EfJobStore store, Accounts.AuditLog audit, HttpContext http, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.EmployerName) || string.IsNullOrWhiteSpace(body.Source))
        {
            return BadRequest("请填写单位名称(employerName)和名单来源(source)。");
        }
        var offender = new Skills.Jobs.WageOffender
        {
            EmployerName = body.EmployerName.Trim(),
            CreditCode = string.IsNullOrWhiteSpace(body.CreditCode) ? null : body.CreditCode.Trim(),
            ListedOn = body.ListedOn,
            Source = body.Source.Trim(),
        };
        await store.AddOffenderAsync(offender, cancellationToken);
        await audit.WriteAsync(http.User, "jobs.offender.add", $"offender:{offender.EmployerName}", offender.Source, cancellationToken);
        return TypedResults.Created("/api/admin/jobs/offenders", body);
    }

    public sealed record OffenderRequest(string EmployerName, string? CreditCode, DateOnly ListedOn, string Source);

    public sealed record OffenderResponse(long Id, string EmployerName, string? CreditCode, DateOnly ListedOn, string Source);

    /// <summary>POST a multipart form with the CSV or JSON file in field <c>file</c>.</summary>
    private static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportAsync(HttpRequest request, JobImporter importer, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return BadRequest("请用 multipart/form-data 上传，文件放在 file 字段。");
        }
        var form = await request.ReadFormAsync(cancellationToken);
        if (form.Files.GetFile("file") is not { } file || file.Length == 0)
        {
            return BadRequest("没有收到文件：请把 CSV 或 JSON 文件放在 file 字段。");
        }
        if (file.Length > MaxFileBytes)
        {
            return BadRequest($"文件太大（最多 {MaxFileBytes / 1024 / 1024} MB）。");
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var content = buffer.ToArray();
        if (JobFileReader.DetectFormat(file.FileName, file.ContentType, content.AsSpan(0, Math.Min(content.Length, 64))) is not { } format)
        {
            return BadRequest("文件是空的。");
        }

        JobImportReport report;
        try
        {
            report = await importer.ImportAsync(content, format, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            return BadRequest(ex.Message);
        }

        if (!report.Succeeded)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "导入失败，没有导入任何岗位",
                detail: $"共 {report.Rows} 行，其中 {report.Rejected.Count} 行有问题，请改正后重新上传整个文件。",
                extensions: new Dictionary<string, object?> { ["rejected"] = report.Rejected });
        }
        return TypedResults.Ok(new ImportResponse(report.Rows, report.Inserted, report.Updated));
    }

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "无法导入", detail: detail);

    public sealed record ImportResponse(int Rows, int Inserted, int Updated);
}
