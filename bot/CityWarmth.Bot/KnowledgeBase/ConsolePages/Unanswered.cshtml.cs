using Microsoft.AspNetCore.Mvc;

namespace CityWarmth.Bot.KnowledgeBase.ConsolePages;

/// <summary>
/// Questions the bot did not answer well, grouped by wording: each can be attached to a passage, answered with a new
/// passage, or dismissed.
/// </summary>
public sealed class UnansweredModel(KnowledgeCuration curation) : KnowledgeConsolePage
{
    public IReadOnlyList<UnansweredGroupView> Groups { get; private set; } = [];

    /// <summary>After an answer was written up: the new passage in the draft.</summary>
    public AnswerPassageView? Added { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Groups = await curation.UnansweredGroupsAsync(50, cancellationToken);

    public async Task<IActionResult> OnPostPassageAsync(
        string? question, string? heading, string? answer, string? documentId, string? documentTitle, string? ids, CancellationToken cancellationToken)
    {
        static string? Field(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
        try
        {
            Added = await curation.AddAnswerPassageAsync(User, new AnswerPassageInput(Field(question), Field(heading), Field(answer),
                Field(documentId), Field(documentTitle), null, ParseIds(ids)), cancellationToken);
            return Page();
        }
        catch (KnowledgeAdminException ex)
        {
            return Refuse(ex);
        }
    }

    public Task<IActionResult> OnPostDismissAsync(string? ids, CancellationToken cancellationToken) =>
        ActAsync(() => curation.DismissUnansweredAsync(User, ParseIds(ids), cancellationToken));
}
