namespace CityWarmth.Bot.KnowledgeBase.ConsolePages;

/// <summary>命中测试: what the draft and the published version find for a question.</summary>
public sealed class TestModel(KnowledgePublishing publishing) : KnowledgeConsolePage
{
    public string? Question { get; private set; }

    public SearchView? Published { get; private set; }

    /// <summary>Null when there is no draft.</summary>
    public SearchView? Draft { get; private set; }

    public async Task OnGetAsync(string? q, CancellationToken cancellationToken)
    {
        Question = q;
        if (string.IsNullOrWhiteSpace(q))
        {
            return;
        }

        Published = await publishing.SearchAsync(q, "published", 5, cancellationToken);
        try
        {
            Draft = await publishing.SearchAsync(q, "draft", 5, cancellationToken);
        }
        catch (KnowledgeAdminException)
        {
            // No draft: only the published side is shown.
        }
    }
}
