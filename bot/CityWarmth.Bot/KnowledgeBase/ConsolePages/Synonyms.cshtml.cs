using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CityWarmth.Bot.KnowledgeBase.ConsolePages;

/// <summary>The draft's synonym rules: how workers say it → how policy says it.</summary>
public sealed class SynonymsModel(KnowledgeCuration curation) : KnowledgeConsolePage
{
    public IReadOnlyList<SynonymView> Synonyms { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Synonyms = await curation.ListSynonymsAsync(null, cancellationToken);

    public Task<IActionResult> OnPostAsync(string? forms, string? terms, CancellationToken cancellationToken) =>
        ActAsync(() => curation.AddSynonymAsync(User, [forms ?? ""], [terms ?? ""], cancellationToken));

    public Task<IActionResult> OnPostDeleteAsync([BindRequired, Range(1, long.MaxValue)] long id, CancellationToken cancellationToken) =>
        ActOnValidFormAsync(() => curation.DeleteSynonymAsync(User, id, cancellationToken));
}
