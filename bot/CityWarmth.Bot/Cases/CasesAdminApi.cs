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
        api.MapPatch("/{caseNumber}", PatchAsync);
        return app;
    }

    /// <summary>Moves a case along its lifecycle and/or adds notes; the worker is told of a new status or note.</summary>
    private static async Task<IResult> PatchAsync(string caseNumber, WageCasePatch? patch, HttpContext http, WageCaseDesk desk, CancellationToken ct)
    {
        if (patch is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "A JSON body is required.");
        }
        if (!patch.TryRead(out var change, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }
        var report = await desk.ChangeAsync(caseNumber, change, http.User, ct);
        return report.Result switch
        {
            WageCaseChangeResult.Ok => TypedResults.Ok(new WageCasePatchResult(report.Case!, report.WorkerNotified)),
            WageCaseChangeResult.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such case."),
            WageCaseChangeResult.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "The case's status does not allow this change.", detail: report.ConflictReason),
            _ => TypedResults.ValidationProblem(report.Errors),
        };
    }
}

/// <summary>
/// The body of <c>PATCH /api/admin/cases/{number}</c>. Enum values are read by name (any case) so a wrong one is a
/// field error, not a failed parse.
/// </summary>
/// <param name="Note">A note the worker is told, with the status change or alone.</param>
/// <param name="PrivateNote">A note only caseworkers see.</param>
public sealed record WageCasePatch(
    string? Status, string? Outcome, string? Note, string? PrivateNote, decimal? AmountRecovered, string? ReferralBody, string? ReferralNumber)
{
    public bool TryRead(out WageCaseChange change, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var status = Parse<WageCaseStatus>(Status, "status", errors);
        var outcome = Parse<WageCaseOutcome>(Outcome, "outcome", errors);
        var body = Parse<WageCaseReferralBody>(ReferralBody, "referralBody", errors);
        change = new WageCaseChange(status, outcome, AmountRecovered, body, ReferralNumber, Note, PrivateNote);
        if (errors.Count > 0)
        {
            return false;
        }
        errors = WageCaseDesk.Validate(change);
        return errors.Count == 0;
    }

    private static T? Parse<T>(string? value, string field, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        // Names only: "3" is not a status.
        if (Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(value.Trim()[0]))
        {
            return parsed;
        }
        errors[field] = [$"Unknown {field} '{value}'; one of: {string.Join(", ", Enum.GetNames<T>())}."];
        return null;
    }
}

/// <summary>The case after a change, and whether the worker's channel took the notice (null when none was due).</summary>
public sealed record WageCasePatchResult(WageCase Case, bool? WorkerNotified);

/// <summary>A case in the queue listing: the facts a caseworker sorts by, with the worker's name and phone masked.</summary>
public sealed record WageCaseSummary(
    string CaseNumber, WageCaseStatus Status, DateTimeOffset? SubmittedAt, string Employer, string? District,
    string? Amount, bool IsConstruction, int? WorkerCount, string WorkerName, string Phone, DateOnly? ArbitrationDeadline,
    WageCaseOutcome? Outcome, decimal? AmountRecoveredYuan)
{
    public static WageCaseSummary From(WageCase c) => new(
        c.CaseNumber, c.Status, c.SubmittedAt, c.EmployerDisplay, c.District, c.AmountDisplay, c.IsConstruction,
        c.WorkerCount, c.MaskedName, c.MaskedPhone, c.ArbitrationDeadline?.Deadline, c.Outcome, c.AmountRecoveredYuan);
}
