using System.Security.Cryptography;
using System.Text;
using CityWarmth.Skills.WageDispute;
using Microsoft.AspNetCore.Http.HttpResults;
using CityWarmth.Bot.AdminApi;

namespace CityWarmth.Bot.Cases;

public static class CasesEndpoints
{
    /// <summary>The worker's printable complaint sheet, opened with the key from the confirmation message.</summary>
    public static IEndpointRouteBuilder MapWorkerCasePages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/cases/{caseNumber}/sheet", async (string caseNumber, string? key, IWageCaseStore store, CancellationToken ct) =>
        {
            var wageCase = WageCaseNumber.TryParse(caseNumber, out _, out _) ? await store.GetAsync(caseNumber, ct) : null;
            if (wageCase is null || key is null || !KeysMatch(wageCase.SheetKey, key))
            {
                // The same answer for a wrong key and a missing case: case numbers are guessable, keys are not.
                return Results.Content(NotFoundPage, "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
            }
            return Results.Content(ComplaintSheetRenderer.Render(wageCase), "text/html; charset=utf-8");
        }).ExcludeFromDescription();
        return app;
    }

    private static bool KeysMatch(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));

    private const string NotFoundPage = """
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>找不到登记</title></head><body style="font-family:sans-serif;padding:1.5rem;line-height:1.6">
        <h1 style="font-size:1.3rem">找不到这份登记</h1><p>链接可能不完整。请回到聊天里点“投诉材料”按钮，或说“转人工”。</p></body></html>
        """;
}

/// <summary>The caseworkers' queue of confirmed wage cases, for the console and for automation.</summary>
public static class CasesAdminApi
{
    public static IEndpointRouteBuilder MapCasesAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapAdminApiGroup("/api/admin/cases").WithTags("Admin");
        api.MapGet("/", async (WageCaseStatus? status, IWageCaseStore store, CancellationToken ct) =>
            TypedResults.Ok((await store.ListAsync(status, ct)).Select(WageCaseSummary.From)));
        api.MapGet("/{caseNumber}", async Task<Results<Ok<WageCase>, NotFound>> (string caseNumber, IWageCaseStore store, CancellationToken ct) =>
            await store.GetAsync(caseNumber, ct) is { } wageCase ? TypedResults.Ok(wageCase) : TypedResults.NotFound());
        return app;
    }
}

/// <summary>A case in the queue listing: the facts a caseworker sorts by, with the worker's name and phone masked.</summary>
public sealed record WageCaseSummary(
    string CaseNumber, WageCaseStatus Status, DateTimeOffset? SubmittedAt, string Employer, string? District,
    string? Amount, bool IsConstruction, int? WorkerCount, string WorkerName, string Phone, DateOnly? ArbitrationDeadline)
{
    public static WageCaseSummary From(WageCase c) => new(
        c.CaseNumber, c.Status, c.SubmittedAt, c.EmployerDisplay, c.District, c.AmountDisplay, c.IsConstruction,
        c.WorkerCount, c.MaskedName, c.MaskedPhone, c.ArbitrationDeadline?.Deadline);
}
