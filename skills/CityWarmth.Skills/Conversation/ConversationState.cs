namespace CityWarmth.Skills.Conversation;

/// <summary>
/// Everything the bot remembers about one conversation between turns. The host stores it as JSON
/// (with a version for optimistic concurrency) and saves it before the turn's replies leave,
/// so an answer once acknowledged is never lost. Each skill keeps its own part.
/// </summary>
public sealed class ConversationState
{
    /// <summary>The skill that owns the conversation right now (an open intake), or null.</summary>
    public string? ActiveSkill { get; set; }

    /// <summary>The skill that answered the previous turn, for reading short follow-ups.</summary>
    public string? LastSkill { get; set; }

    /// <summary>The previous worker message (normalised), for follow-ups such as "那住房呢?".</summary>
    public string? LastUserText { get; set; }

    /// <summary>Consecutive turns the bot could not understand; two in a row offer a person.</summary>
    public int Misunderstandings { get; set; }

    /// <summary>True when the worker writes traditional characters; replies follow.</summary>
    public bool PrefersTraditional { get; set; }

    /// <summary>Section keys of policy passages already cited (for the handoff case packet).</summary>
    public List<string> CitedSections { get; set; } = [];

    // Each skill adds its own typed part below (null while unused), e.g. the wage intake's answers.
    public CityWarmth.Skills.WageDispute.WageIntakeState? WageIntake { get; set; }


    /// <summary>The job search's last query and page, for follow-ups such as "要东湖区的" or "更多".</summary>
    public Jobs.JobSearchState? JobSearch { get; set; }

    /// <summary>Recent questions answered (or not) from the knowledge base, newest last, for feedback and handoffs.</summary>
    public List<Policy.QuestionNote> RecentQuestions { get; set; } = [];

    /// <summary>The note of the previous turn when it was such a question; a "转人工" right after it records it.</summary>
    public string? LastQuestionId { get; set; }

    /// <summary>The worker asked to delete their data and the host asked them to confirm.</summary>
    public bool ErasurePending { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }
}
