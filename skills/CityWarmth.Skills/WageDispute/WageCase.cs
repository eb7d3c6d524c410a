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
