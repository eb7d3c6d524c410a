using CityWarmth.Bot.AdminApi;
using CityWarmth.Skills.WageDispute;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityWarmth.Bot.Cases;

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
