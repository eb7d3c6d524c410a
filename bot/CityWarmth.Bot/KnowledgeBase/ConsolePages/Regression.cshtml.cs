using CityWarmth.Knowledge.Versions;
using Microsoft.AspNetCore.Mvc;

namespace CityWarmth.Bot.KnowledgeBase.ConsolePages;

/// <summary>The regression questions every publication is checked against, edited as a JSON-lines file.</summary>
public sealed class RegressionModel(KnowledgeCuration curation) : KnowledgeConsolePage
{
    public string Lines { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var questions = await curation.ListRegressionQuestionsAsync(cancellationToken);
        Lines = RegressionQuestion.ToLines(questions.Select(q => new RegressionQuestion(q.Q, q.Gold)));
    }

    public Task<IActionResult> OnPostAsync(string? lines, CancellationToken cancellationToken) =>
        ActAsync(() => curation.ReplaceRegressionQuestionsAsync(User, lines ?? "", cancellationToken));
}
