namespace CityWarmth.Skills.Policy;

/// <summary>
/// A question the bot tried to answer from the knowledge base, kept for a few turns so a later thumbs-down or
/// "转人工" can be tied to it. Holds only the question's wording and the passages it was answered with.
/// </summary>
/// <param name="Id">A short random id; answers carry it so feedback names the answer it is about.</param>
/// <param name="Question">The question as the skill searched it.</param>
/// <param name="Outcome">How it went: <see cref="QuestionOutcomes"/>.</param>
/// <param name="Passages">Passage ids cited (answered) or offered (low confidence), best first.</param>
public sealed record QuestionNote(string Id, string Question, string Outcome, IReadOnlyList<string> Passages, double Confidence)
{
    /// <summary>Already recorded as disliked; a second click on 👎 adds nothing.</summary>
    public bool Disliked { get; init; }

    /// <summary>Already recorded as handed off.</summary>
    public bool HandedOff { get; init; }
}

/// <summary>The outcomes a <see cref="QuestionNote"/> records.</summary>
public static class QuestionOutcomes
{
    public const string Answered = "answered";
    public const string LowConfidence = "low";
    public const string NotFound = "not-found";
    public const string Unclear = "unclear";
}
