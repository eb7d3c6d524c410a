using System.Text.Json.Serialization;

namespace CityWarmth.Skills.WageDispute;

/// <summary>
/// What a worker tells the intake about unpaid wages: the intake's state fills it (<see cref="WageIntakeState"/>) and the
/// filed case keeps it (<see cref="WageCase"/>), so a fact is declared once, here. Null means not said (yet). Both
/// derive from this record so that their JSON stays flat, as it was stored before the facts were shared, and the
/// case copies the facts with the record's copy constructor. Lists are replaced, never changed in place, so a copy
/// never shares a list that changes later.
/// </summary>
public record WageFacts
{
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
    public IReadOnlyList<EvidenceKind> Evidence { get; set; } = [];
    public string? WorkerName { get; set; }
    public string? Phone { get; set; }

    /// <summary>The worker agreed to the use of their data (null until asked; a filed case always has it).</summary>
    public bool? ConsentGiven { get; set; }

    public DateTimeOffset? ConsentAt { get; set; }

    /// <summary>Answers changed after they were first given, oldest first.</summary>
    public IReadOnlyList<WageFieldChange> History { get; set; } = [];

    [JsonIgnore]
    public EmployerInfo? Employer => EmployerKind is null && EmployerName is null ? null : new EmployerInfo(EmployerKind, EmployerName);

    [JsonIgnore]
    public ParsedAmount? Amount => AmountYuan is { } y ? new ParsedAmount(y, AmountApproximate) : null;

    [JsonIgnore]
    public WagePeriod? Period => PeriodFrom is null && PeriodMonths is null
        ? null
        : new WagePeriod(PeriodFrom, PeriodTo, PeriodMonths, PeriodOngoing, PeriodApproximate);

    [JsonIgnore]
    public JobStatus? Job => JobEnded is { } ended ? new JobStatus(ended, JobEndedOn, JobEndedOnApproximate) : null;

    [JsonIgnore]
    public WorkerCount? Workers => WorkerCount is { } n ? new WorkerCount(n, WorkerCountApproximate) : null;

    /// <summary>What the deadline rules need from the facts.</summary>
    public DeadlineFacts DeadlineFacts() =>
        new(JobEnded, JobEndedOn, PeriodOngoing ? null : PeriodTo, PeriodOngoing || (JobEnded == false && PeriodTo is null));

    // The facts hold a name and a phone number: a record's generated ToString would print them into any log line.
    public sealed override string ToString() => GetType().Name;
}
