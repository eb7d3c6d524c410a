namespace CityWarmth.Skills.Handoff;

/// <summary>A worker's request for a person, kept in the conversation state until a caseworker takes it.</summary>
public sealed class HandoffRequest
{
    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>Why: <see cref="HandoffReasons"/>.</summary>
    public string Reason { get; set; } = HandoffReasons.WorkerAsked;

    /// <summary>True for a crisis: the case goes to the front of the queue.</summary>
    public bool Urgent { get; set; }
}

public static class HandoffReasons
{
    public const string WorkerAsked = "workerAsked";
    public const string Crisis = "crisis";
}
