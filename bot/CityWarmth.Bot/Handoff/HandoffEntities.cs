namespace CityWarmth.Bot.Handoff;

/// <summary>One request for a person: the queue entry, its assignment, the packet and, once closed, the outcome.</summary>
public sealed class HandoffCase
{
    public Guid Id { get; set; }
    public required string ConversationId { get; set; }
    public required string ChannelId { get; set; }
    public string Status { get; set; } = HandoffStatuses.Queued;
    public HandoffPriority Priority { get; set; }
    public required string Reason { get; set; }
    public required string Category { get; set; }

    /// <summary>A short description without personal data, shown in the queue.</summary>
    public required string Summary { get; set; }

    /// <summary>The case packet (JSON) as sent in handoff.initiate; may hold personal data.</summary>
    public required string PacketJson { get; set; }

    /// <summary>Console user id of the caseworker holding the case, or null.</summary>
    public int? AssignedTo { get; set; }
    public string? AssignedName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? Outcome { get; set; }
    public string? OutcomeNote { get; set; }
    public string? ClosedBy { get; set; }
}

/// <summary>A caseworker's private note on a case; never shown to the worker.</summary>
public sealed class HandoffNote
{
    public long Id { get; set; }
    public Guid HandoffId { get; set; }
    public int AuthorId { get; set; }
    public required string AuthorName { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public static class HandoffStatuses
{
    public const string Queued = "queued";
    public const string Assigned = "assigned";

    /// <summary>An external agent hub accepted it (handoff.status accepted).</summary>
    public const string External = "external";
    public const string Closed = "closed";
}

public enum HandoffPriority
{
    Normal = 0,
    High = 1,
    Urgent = 2,
}

public static class HandoffReasons
{
    public const string Explicit = "explicit";
    public const string Crisis = "crisis";
    public const string FailedTurns = "failedTurns";
    public const string WageCase = "wageCase";
}

/// <summary>How a case ended; the first five are the caseworker's choices.</summary>
public static class HandoffOutcomes
{
    public const string Resolved = "resolved";
    public const string Referred = "referred";
    public const string NoResponse = "noResponse";
    public const string Callback = "callback";
    public const string Other = "other";
    public const string WorkerEnded = "workerEnded";
    public const string Cancelled = "cancelled";
    public const string CompletedByHub = "completedByHub";

    public static IReadOnlyDictionary<string, string> CaseworkerChoices { get; } = new Dictionary<string, string>
    {
        [Resolved] = "已解决",
        [Referred] = "已转介其他部门",
        [NoResponse] = "工友未回复",
        [Callback] = "需要回访",
        [Other] = "其他",
    };
}

/// <summary>Owner values of a conversation besides "bot".</summary>
public static class HandoffOwners
{
    public const string ExternalHub = "hub";
    private const string CaseworkerPrefix = "caseworker:";

    public static string Caseworker(int userId) => CaseworkerPrefix + userId;

    public static bool IsCaseworker(string owner) => owner.StartsWith(CaseworkerPrefix, StringComparison.Ordinal);

    /// <summary>The channel account id caseworker messages are sent from.</summary>
    public static string AgentAccountId(int userId) => "agent-" + userId;
}
