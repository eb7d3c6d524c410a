using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CityWarmth.Bot.KnowledgeBase.ConsolePages;

/// <summary>The draft's alternate questions: other ways workers ask for a passage.</summary>
public sealed class AlternatesModel(KnowledgeCuration curation) : KnowledgeConsolePage
{
    public IReadOnlyList<AlternateQuestionView> Alternates { get; private set; } = [];

    public AlternateForm Form { get; private set; } = new(null, null, []);

    public async Task OnGetAsync(string? passageId, string? question, CancellationToken cancellationToken)
    {
        Alternates = await curation.ListAlternateQuestionsAsync(null, cancellationToken);
        Form = new AlternateForm(passageId, question, []);
    }

    public Task<IActionResult> OnPostAsync(string? passageId, string? question, string? ids, CancellationToken cancellationToken) =>
        ActAsync(() => curation.AddAlternateQuestionAsync(User, (passageId ?? "").Trim(), question ?? "", ParseIds(ids), cancellationToken));

    public Task<IActionResult> OnPostDeleteAsync([BindRequired, Range(1, long.MaxValue)] long id, CancellationToken cancellationToken) =>
        ActOnValidFormAsync(() => curation.DeleteAlternateQuestionAsync(User, id, cancellationToken));
}
