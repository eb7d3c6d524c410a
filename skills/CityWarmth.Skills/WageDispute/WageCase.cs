using System.Text.Json.Serialization;

namespace CityWarmth.Skills.WageDispute;

/// <summary>Where a case is in the caseworkers' queue.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WageCaseStatus>))]
public enum WageCaseStatus
{
    Submitted,
    Claimed,
    Closed,
}

/// <summary>A route the worker can take, with its deadline when one applies.</summary>
public sealed record WageRoute(string Name, string WhenToUse, string HowToFile, DateOnly? Deadline, bool Open);

/// <summary>
/// A confirmed wage-arrears report: every answer, the computed deadlines and routes, and its history.
/// Mutable so the host can map it with EF Core; the case number is assigned by <see cref="IWageCaseStore"/>.
/// </summary>
public sealed class WageCase
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>QX-YYYYMMDD-NNNN, empty until submitted.</summary>
    public string CaseNumber { get; set; } = string.Empty;

    /// <summary>Unguessable key in the link to the printable complaint sheet, so only the worker holding it can open it.</summary>
    public string SheetKey { get; set; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    /// <summary>The worker's link to the printable complaint sheet, relative to the bot's base URL.</summary>
    public string SheetUrl => $"/cases/{Uri.EscapeDataString(CaseNumber)}/sheet?key={SheetKey}";

    public WageCaseStatus Status { get; set; } = WageCaseStatus.Submitted;
    public string ConversationId { get; set; } = string.Empty;
    public string ChannelId { get; set; } = string.Empty;
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public EmployerKind? EmployerKind { get; set; }
    public string? EmployerName { get; set; }
    public bool EmployerAbsconded { get; set; }
    public string? Workplace { get; set; }
    public string? District { get; set; }
    public string? Trade { get; set; }
    public bool IsConstruction { get; set; }
    public string? GeneralContractor { get; set; }
    public decimal? AmountYuan { get; set; }
    public bool AmountApproximate { get; set; }
    public DateOnly? PeriodFrom { get; set; }
    public DateOnly? PeriodTo { get; set; }
    public int? PeriodMonths { get; set; }
    public bool PeriodOngoing { get; set; }
    public bool PeriodApproximate { get; set; }
    public bool? JobEnded { get; set; }
    public DateOnly? JobEndedOn { get; set; }
    public int? WorkerCount { get; set; }
    public bool WorkerCountApproximate { get; set; }
    public List<EvidenceKind> Evidence { get; set; } = [];
    public string WorkerName { get; set; } = string.Empty;
    public string Phone { get; set; } = string.Empty;
    public bool ConsentGiven { get; set; }
    public DateTimeOffset? ConsentAt { get; set; }

    public DeadlineResult? ArbitrationDeadline { get; set; }
    public DeadlineResult? InspectionDeadline { get; set; }
    public List<WageRoute> Routes { get; set; } = [];
    public List<string> EvidenceAdvice { get; set; } = [];
    public List<string> LiabilityNotes { get; set; } = [];
    public List<WageFieldChange> History { get; set; } = [];

    public string MaskedName => PiiMask.Name(WorkerName);
    public string MaskedPhone => PiiMask.Phone(Phone);

    public WagePeriod? Period => PeriodFrom is null && PeriodMonths is null
        ? null
        : new WagePeriod(PeriodFrom, PeriodTo, PeriodMonths, PeriodOngoing, PeriodApproximate);

    public string EmployerDisplay => new EmployerInfo(EmployerKind, EmployerName).Display;

    public string? AmountDisplay => AmountYuan is { } y ? new ParsedAmount(y, AmountApproximate).Display : null;

    /// <summary>Builds a draft from the intake's answers with deadlines, routes and advice computed for today.</summary>
    public static WageCase FromIntake(WageIntakeState s, string conversationId, string channelId, DateTimeOffset now, DateOnly today)
    {
        var c = new WageCase
        {
            ConversationId = conversationId,
            ChannelId = channelId,
            StartedAt = s.StartedAt,
            UpdatedAt = now,
            EmployerKind = s.EmployerKind,
            EmployerName = s.EmployerName,
            EmployerAbsconded = s.EmployerAbsconded,
            Workplace = s.Workplace,
            District = s.District,
            Trade = s.Trade,
            IsConstruction = s.IsConstruction == true,
            GeneralContractor = s.GeneralContractor,
            AmountYuan = s.AmountYuan,
            AmountApproximate = s.AmountApproximate,
            PeriodFrom = s.PeriodFrom,
            PeriodTo = s.PeriodTo,
            PeriodMonths = s.PeriodMonths,
            PeriodOngoing = s.PeriodOngoing,
            PeriodApproximate = s.PeriodApproximate,
            JobEnded = s.JobEnded,
            JobEndedOn = s.JobEndedOn,
            WorkerCount = s.WorkerCount,
            WorkerCountApproximate = s.WorkerCountApproximate,
            Evidence = [.. s.Evidence],
            WorkerName = s.WorkerName ?? string.Empty,
            Phone = s.Phone ?? string.Empty,
            ConsentGiven = s.Consent == true,
            ConsentAt = s.ConsentAt,
            History = [.. s.History],
        };
        var deadlines = DeadlineCalculator.Compute(c.DeadlineFacts(), today);
        c.ArbitrationDeadline = deadlines.Arbitration;
        c.InspectionDeadline = deadlines.Inspection;
        c.Routes = [.. WageAdvisor.Routes(c, deadlines)];
        c.EvidenceAdvice = [.. WageAdvisor.EvidenceToGather(c)];
        c.LiabilityNotes = [.. WageAdvisor.WhoMustPay(c)];
        return c;
    }

    public DeadlineFacts DeadlineFacts() =>
        new(JobEnded, JobEndedOn, PeriodOngoing ? null : PeriodTo, PeriodOngoing || (JobEnded == false && PeriodTo is null));
}
