using System.Text.Json.Serialization;

namespace CityWarmth.Skills.WageDispute;

/// <summary>The questions of the intake, in the order they are asked; each is also the field it fills.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WageIntakeStep>))]
public enum WageIntakeStep
{
    Employer,
    EmployerName,
    Workplace,
    District,
    Trade,
    Construction,
    GeneralContractor,
    Amount,
    Period,
    JobEnded,
    JobEndDate,
    WorkerCount,
    Evidence,
    WorkerName,
    Phone,
    Consent,
    Summary,
}

/// <summary>One change of an answer after it was first given (kept with the case).</summary>
public sealed record WageFieldChange(DateTimeOffset At, WageIntakeStep Field, string? OldValue, string? NewValue);

/// <summary>
/// The answers of one wage-arrears intake and the question pending. Lives in
/// <c>ConversationState.WageIntake</c>, which the host saves after every turn, so a restart loses nothing.
/// Plain settable properties keep it round-trippable with System.Text.Json web defaults.
/// </summary>
public sealed class WageIntakeState
{
    public WageIntakeStep Step { get; set; } = WageIntakeStep.Employer;

    /// <summary>The worker said "取消" and we asked to confirm.</summary>
    public bool AwaitingCancelConfirm { get; set; }

    /// <summary>Answers to the pending question that could not be used, for a gentler re-ask.</summary>
    public int FailedAttempts { get; set; }

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public EmployerKind? EmployerKind { get; set; }
    public string? EmployerName { get; set; }
    public bool EmployerAbsconded { get; set; }
    public string? Workplace { get; set; }
    public string? District { get; set; }
    public string? Trade { get; set; }
    public bool? IsConstruction { get; set; }

    /// <summary>The 施工总承包单位 or the project's name (construction only).</summary>
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
    public bool JobEndedOnApproximate { get; set; }
    public int? WorkerCount { get; set; }
    public bool WorkerCountApproximate { get; set; }

    public List<EvidenceKind> Evidence { get; set; } = [];
    public bool EvidenceDone { get; set; }
    public string? WorkerName { get; set; }
    public string? Phone { get; set; }
    public bool? Consent { get; set; }
    public DateTimeOffset? ConsentAt { get; set; }

    /// <summary>Optional questions the worker skipped ("跳过").</summary>
    public List<WageIntakeStep> Skipped { get; set; } = [];

    public List<WageFieldChange> History { get; set; } = [];

    [JsonIgnore]
    public ParsedAmount? Amount => AmountYuan is { } y ? new ParsedAmount(y, AmountApproximate) : null;

    [JsonIgnore]
    public WagePeriod? Period => PeriodFrom is null && PeriodMonths is null
        ? null
        : new WagePeriod(PeriodFrom, PeriodTo, PeriodMonths, PeriodOngoing, PeriodApproximate);

    [JsonIgnore]
    public EmployerInfo? Employer => EmployerKind is null && EmployerName is null ? null : new EmployerInfo(EmployerKind, EmployerName);

    [JsonIgnore]
    public WorkerCount? Workers => WorkerCount is { } n ? new WorkerCount(n, WorkerCountApproximate) : null;
}
