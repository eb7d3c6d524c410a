namespace CityWarmth.Skills.Policy;

/// <summary>Why a question counts as not answered well.</summary>
public enum UnansweredReason
{
    /// <summary>Nothing in the knowledge base matched.</summary>
    NotFound,

    /// <summary>Matches were too weak to answer directly.</summary>
    LowConfidence,

    /// <summary>The worker asked for a person after a policy answer.</summary>
    HandedOff,

    /// <summary>The worker marked the answer as unhelpful.</summary>
    ThumbsDown,

    /// <summary>The router could not tell what the worker wanted and asked back.</summary>
    Unclear,
}

/// <summary>
/// Receives questions the bot could not answer well, for admins to review. Implementations must not block the turn
/// and must store only the question's wording, nothing that identifies the worker.
/// </summary>
public interface IUnansweredQuestionSink
{
    void Record(string question, UnansweredReason reason, double confidence);

    /// <summary>Records a question with the passages it was answered with and the worker's comment, if any.</summary>
    void Record(string question, UnansweredReason reason, double confidence, IReadOnlyList<string> passages, string? comment) =>
        Record(question, reason, confidence);
}
