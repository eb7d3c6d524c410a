using System.Text.Json.Nodes;
using CityWarmth.Skills.Conversation;

namespace CityWarmth.Skills.Policy;

/// <summary>
/// What workers tell the bot about its answers: a thumbs-down (or a handoff right after a question) records the
/// question as not answered well, with the passages it was answered with, for admins to review.
/// </summary>
public sealed class AnswerFeedback(IUnansweredQuestionSink? unanswered = null)
{
    /// <summary>How many recent questions a conversation keeps for feedback.</summary>
    public const int MaxNotes = 5;

    /// <summary>The channelData key that opts a reply into Teams' feedback buttons.</summary>
    public const string FeedbackLoopKey = "feedbackLoopEnabled";

    /// <summary>The channelData key naming the answer; Web Chat's feedback actions carry it back.</summary>
    public const string AnswerIdKey = "answerId";

    /// <summary>Notes a question in the conversation's state and marks it as the previous turn's question.</summary>
    /// <param name="passages">The passages answered or offered; a list without repeats is kept as it is (notes only read it).</param>
    public static QuestionNote Note(ConversationState state, string question, string outcome, IEnumerable<string> passages, double confidence)
    {
        // The id only tells this conversation's recent answers apart: a fast random number will do (a GUID read the
        // system's random source on every answer).
        var id = Random.Shared.NextInt64(1L << 48).ToString("x12", System.Globalization.CultureInfo.InvariantCulture);
        var kept = passages is IReadOnlyList<string> list && IsDistinct(list) ? list : [.. passages.Distinct()];
        var note = new QuestionNote(id, question.Trim(), outcome, kept, Math.Round(confidence, 3));
        state.RecentQuestions.Add(note);
        if (state.RecentQuestions.Count > MaxNotes)
        {
            state.RecentQuestions.RemoveRange(0, state.RecentQuestions.Count - MaxNotes);
        }

        state.LastQuestionId = note.Id;
        return note;
    }

    private static bool IsDistinct(IReadOnlyList<string> passages)
    {
        for (var i = 1; i < passages.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (passages[i] == passages[j])
                {
                    return false;
                }
            }
        }
        return true;
    }

    /// <summary>The channelData fields of an answer that workers can rate.</summary>
    public static JsonObject Marker(QuestionNote note) => new() { [FeedbackLoopKey] = true, [AnswerIdKey] = note.Id };

    /// <summary>
    /// Applies a like or dislike. The answer is found by <paramref name="answerId"/>; without one (Teams names the
    /// rated message only by its channel id) the conversation's latest answer is meant. Returns true when a
    /// thumbs-down was recorded now (not for a like, an unknown answer, or a second thumbs-down).
    /// </summary>
    public bool OnRated(ConversationState state, string? answerId, bool helpful, string? comment)
    {
        var notes = state.RecentQuestions;
        var index = answerId is { Length: > 0 }
            ? notes.FindLastIndex(n => n.Id == answerId)
            : notes.FindLastIndex(n => n.Outcome == QuestionOutcomes.Answered);
        if (helpful || index < 0 || notes[index].Disliked)
        {
            return false;
        }

        var note = notes[index];
        unanswered?.Record(note.Question, UnansweredReason.ThumbsDown, note.Confidence, note.Passages, comment);
        notes[index] = note with { Disliked = true };
        return true;
    }

    /// <summary>
    /// The worker asked for a person: when the turn before was a question from the knowledge base (answered or
    /// not), that question is recorded as handed off. Returns true when something was recorded.
    /// </summary>
    public bool OnHandedOff(ConversationState state)
    {
        var index = state.LastQuestionId is { } id ? state.RecentQuestions.FindLastIndex(n => n.Id == id) : -1;
        if (index < 0 || state.RecentQuestions[index].HandedOff)
        {
            return false;
        }

        var note = state.RecentQuestions[index];
        unanswered?.Record(note.Question, UnansweredReason.HandedOff, note.Confidence, note.Passages, null);
        state.RecentQuestions[index] = note with { HandedOff = true };
        return true;
    }
}
