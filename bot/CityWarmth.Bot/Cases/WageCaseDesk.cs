using System.Security.Claims;
using CityWarmth.Bot.Accounts;
using CityWarmth.Skills.WageDispute;

namespace CityWarmth.Bot.Cases;

/// <summary>
/// One change to a wage case, as a caseworker or a script asks for it: a new status (with its referral or outcome),
/// a note the worker is told, a private note. Any part may be absent; at least one must be there.
/// </summary>
public sealed record WageCaseChange(
    WageCaseStatus? Status = null,
    WageCaseOutcome? Outcome = null,
    decimal? AmountRecovered = null,
    WageCaseReferralBody? ReferralBody = null,
    string? ReferralNumber = null,
    string? NoteForWorker = null,
    string? PrivateNote = null);

public enum WageCaseChangeResult
{
    Ok,
    NotFound,

    /// <summary>The change itself is malformed (see the errors).</summary>
    Invalid,

    /// <summary>The change does not fit the case as it is now (a closed case claimed again).</summary>
    Conflict,
}

/// <summary>What came of a change: the case as stored, field errors for an invalid one, and whether the worker was told.</summary>
public sealed record WageCaseChangeReport(
    WageCaseChangeResult Result, WageCase? Case, IReadOnlyDictionary<string, string[]> Errors, bool? WorkerNotified)
{
    public string? ConflictReason => Errors.TryGetValue("status", out var e) ? e[0] : null;
}

/// <summary>
/// The caseworkers' side of a wage case: its lifecycle (<see cref="WageCaseLifecycle"/>), notes, the audit record of
/// every change, and the notice to the worker. The change is stored first; telling the worker comes after and may
/// fail without undoing it.
/// </summary>
public sealed class WageCaseDesk(EfWageCaseStore store, AuditLog audit, WageCaseNotifier notifier, Operations.BotMetrics metrics, TimeProvider clock)
{
    public const int MaxNoteChars = 2000;
    public const int MaxReferralNumberChars = 64;

    /// <summary>More than anyone is owed in one case; a larger amount is a typing slip.</summary>
    public const decimal MaxAmountYuan = 100_000_000m;

    public const string AuditChange = "wageCase.change";
    public const string AuditView = "wageCase.view";

    public static string AuditTarget(string caseNumber) => "wageCase:" + caseNumber;

    public async Task<WageCaseChangeReport> ChangeAsync(string caseNumber, WageCaseChange change, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Validate(change);
        if (errors.Count > 0)
        {
            return new WageCaseChangeReport(WageCaseChangeResult.Invalid, null, errors, null);
        }
        // A console user is named to the worker ("工作人员李兰"); an API key is not a person's name.
        var displayName = user.FindFirstValue(ConsoleClaims.DisplayName);
        var actor = displayName ?? user.Identity?.Name ?? "";
        var (stored, conflict) = await store.UpdateAsync(caseNumber, c => Apply(c, change, displayName ?? "管理员", displayName), cancellationToken);
        if (stored is null)
        {
            return new WageCaseChangeReport(WageCaseChangeResult.NotFound, null, Errors(), null);
        }
        if (conflict is not null)
        {
            return new WageCaseChangeReport(WageCaseChangeResult.Conflict, stored, Errors(("status", conflict)), null);
        }

        await audit.WriteAsync(ConsoleClaims.UserId(user), actor, AuditChange, AuditTarget(caseNumber), Describe(change), cancellationToken);
        if (change.Status is { } status)
        {
            metrics.CaseChanged(status.ToString());
        }
        bool? notified = null;
        if (change.Status is not null || !string.IsNullOrWhiteSpace(change.NoteForWorker))
        {
            notified = await notifier.NotifyAsync(stored, cancellationToken);
        }
        return new WageCaseChangeReport(WageCaseChangeResult.Ok, stored, Errors(), notified);
    }

    /// <summary>The change's own consistency, before any case is read.</summary>
    public static Dictionary<string, string[]> Validate(WageCaseChange change)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];

        if (change.Status is null && string.IsNullOrWhiteSpace(change.NoteForWorker) && string.IsNullOrWhiteSpace(change.PrivateNote))
        {
            Add("status", "Nothing to change: give a status, a note or a private note.");
        }
        if (change.Status == WageCaseStatus.Submitted)
        {
            Add("status", "A case cannot go back to Submitted; use Claimed, Referred or Closed.");
        }
        if (change.NoteForWorker?.Trim().Length > MaxNoteChars)
        {
            Add("note", $"At most {MaxNoteChars} characters.");
        }
        if (change.PrivateNote?.Trim().Length > MaxNoteChars)
        {
            Add("privateNote", $"At most {MaxNoteChars} characters.");
        }

        if (change.Status == WageCaseStatus.Referred)
        {
            if (change.ReferralBody is null)
            {
                Add("referralBody", "A referral names the body: LabourInspection or Arbitration.");
            }
            if (string.IsNullOrWhiteSpace(change.ReferralNumber) || change.ReferralNumber.Trim().Length > MaxReferralNumberChars)
            {
                Add("referralNumber", $"A referral carries the number the body gave the case (1 to {MaxReferralNumberChars} characters).");
            }
        }
        else if (change.ReferralBody is not null || change.ReferralNumber is not null)
        {
            Add("referralNumber", "A referral goes with status Referred.");
        }

        if (change.Status == WageCaseStatus.Closed)
        {
            if (change.Outcome is not { } outcome)
            {
                Add("outcome", "A closed case needs an outcome: Paid, PartlyPaid, Referred, Withdrawn or Unreachable.");
            }
            else if (WageCaseLifecycle.RecoversMoney(outcome) && change.AmountRecovered is not > 0)
            {
                Add("amountRecovered", "Paid and PartlyPaid need the amount recovered, above zero.");
            }
            else if (!WageCaseLifecycle.RecoversMoney(outcome) && change.AmountRecovered is > 0)
            {
                Add("amountRecovered", "Only Paid and PartlyPaid recover money.");
            }
        }
        else if (change.Outcome is not null || change.AmountRecovered is not null)
        {
            Add("outcome", "An outcome and an amount go with status Closed.");
        }
        if (change.AmountRecovered is { } amount && (amount < 0 || amount > MaxAmountYuan || decimal.Round(amount, 2) != amount))
        {
            Add("amountRecovered", "An amount in yuan, from 0, with at most two decimals.");
        }
        return errors;
    }

    /// <summary>Applies a valid change to the case as stored; returns why not when the case's status does not allow it.</summary>
    private (bool Keep, string? Conflict) Apply(WageCase c, WageCaseChange change, string author, string? caseworkerName)
    {
        if (change.Status is { } to)
        {
            if (!WageCaseLifecycle.CanMove(c.Status, to))
            {
                return (false, $"A case that is {c.Status} cannot become {to}.");
            }
            var now = clock.GetUtcNow();
            switch (to)
            {
                case WageCaseStatus.Claimed:
                    c.ClaimedBy = caseworkerName;
                    c.ClaimedAt = now;
                    break;
                case WageCaseStatus.Referred:
                    c.Referral = new WageCaseReferral(change.ReferralBody!.Value, change.ReferralNumber!.Trim(), now);
                    break;
                case WageCaseStatus.Closed:
                    c.Outcome = change.Outcome;
                    c.AmountRecoveredYuan = change.AmountRecovered ?? 0;
                    c.ClosedAt = now;
                    break;
            }
            c.Status = to;
        }
        if (!string.IsNullOrWhiteSpace(change.PrivateNote))
        {
            c.Notes.Add(new WageCaseNote(clock.GetUtcNow(), author, change.PrivateNote.Trim(), ForWorker: false));
        }
        if (!string.IsNullOrWhiteSpace(change.NoteForWorker))
        {
            c.Notes.Add(new WageCaseNote(clock.GetUtcNow(), author, change.NoteForWorker.Trim(), ForWorker: true));
        }
        return (true, null);
    }

    /// <summary>What changed, for the audit log (notes by length only: the log is not a second copy of them).</summary>
    private static string Describe(WageCaseChange change) => string.Join("; ", new[]
    {
        change.Status is { } s ? "status=" + s : null,
        change.ReferralBody is { } b ? $"referral={b}:{change.ReferralNumber?.Trim()}" : null,
        change.Outcome is { } o ? "outcome=" + o : null,
        change.AmountRecovered is { } a ? "amountRecovered=" + a.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        string.IsNullOrWhiteSpace(change.NoteForWorker) ? null : $"noteForWorker({change.NoteForWorker.Trim().Length} chars)",
        string.IsNullOrWhiteSpace(change.PrivateNote) ? null : $"privateNote({change.PrivateNote.Trim().Length} chars)",
    }.Where(p => p is not null));

    private static Dictionary<string, string[]> Errors(params (string Field, string Message)[] errors) =>
        errors.ToDictionary(e => e.Field, e => new[] { e.Message });
}
