using System.Text.Json.Serialization;

namespace CityWarmth.Skills.WageDispute;

/// <summary>Where a case is in the caseworkers' queue (the moves allowed are in <see cref="WageCaseLifecycle"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WageCaseStatus>))]
public enum WageCaseStatus
{
    Submitted,

    /// <summary>A caseworker took it on.</summary>
    Claimed,

    /// <summary>Handed to 劳动保障监察 or 仲裁, with the number they gave it.</summary>
    Referred,

    /// <summary>Finished, with an outcome and the amount recovered.</summary>
    Closed,
}

/// <summary>A route the worker can take, with its deadline when one applies.</summary>
public sealed record WageRoute(string Name, string WhenToUse, string HowToFile, DateOnly? Deadline, bool Open);

/// <summary>
/// A confirmed wage-arrears report: the facts the worker gave (<see cref="WageFacts"/>), the computed deadlines and
/// routes, and where it is in the queue. Mutable so the host can store it as JSON; the case number is assigned by
/// <see cref="IWageCaseStore"/>.
/// </summary>
public sealed record WageCase : WageFacts
{
    public WageCase()
    {
    }

    /// <summary>A case holding a copy of <paramref name="facts"/>.</summary>
    public WageCase(WageFacts facts)
        : base(facts)
    {
    }

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

    /// <summary>A filed case has the answer (the intake asks until it gets one): construction or not.</summary>
    public new bool IsConstruction
    {
        get => base.IsConstruction == true;
        set => base.IsConstruction = value;
    }

    /// <summary>The caseworker who took the case on, as the worker is told ("工作人员李兰").</summary>
    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedAt { get; set; }

    /// <summary>Where the case was referred and under which number; null until it is.</summary>
    public WageCaseReferral? Referral { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }
    public WageCaseOutcome? Outcome { get; set; }

    /// <summary>What the worker got back, in yuan, once closed.</summary>
    public decimal? AmountRecoveredYuan { get; set; }

    /// <summary>The caseworkers' notes, oldest first: private ones, and those meant for the worker.</summary>
    public List<WageCaseNote> Notes { get; set; } = [];

    /// <summary>The latest note a caseworker left for the worker, or null.</summary>
    public string? NoteForWorker => Notes.LastOrDefault(n => n.ForWorker)?.Text;

    public DeadlineResult? ArbitrationDeadline { get; set; }
    public DeadlineResult? InspectionDeadline { get; set; }
    public List<WageRoute> Routes { get; set; } = [];
    public List<string> EvidenceAdvice { get; set; } = [];
    public List<string> LiabilityNotes { get; set; } = [];

    public string MaskedName => PiiMask.Name(WorkerName);
    public string MaskedPhone => PiiMask.Phone(Phone);

    public string EmployerDisplay => new EmployerInfo(EmployerKind, EmployerName).Display;

    public string? AmountDisplay => Amount?.Display;

    /// <summary>Builds a draft from the intake's answers with deadlines, routes and advice computed for today.</summary>
    public static WageCase FromIntake(WageIntakeState s, string conversationId, string channelId, DateTimeOffset now, DateOnly today)
    {
        var c = new WageCase(s)
        {
            ConversationId = conversationId,
            ChannelId = channelId,
            StartedAt = s.StartedAt,
            UpdatedAt = now,
        };
        var deadlines = DeadlineCalculator.Compute(c.DeadlineFacts(), today);
        c.ArbitrationDeadline = deadlines.Arbitration;
        c.InspectionDeadline = deadlines.Inspection;
        c.Routes = [.. WageAdvisor.Routes(c, deadlines)];
        c.EvidenceAdvice = [.. WageAdvisor.EvidenceToGather(c)];
        c.LiabilityNotes = [.. WageAdvisor.WhoMustPay(c)];
        return c;
    }
}
