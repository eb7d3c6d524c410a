using Microsoft.AspNetCore.Mvc;

namespace CityWarmth.Bot.KnowledgeBase.ConsolePages;

/// <summary>Publishing the draft: the regression comparison first, a confirmation when a question got worse.</summary>
public sealed class PublishModel(KnowledgePublishing publishing) : KnowledgeConsolePage
{
    /// <summary>Before publishing: the draft against the published version.</summary>
    public RegressionView? Comparison { get; private set; }

    /// <summary>After the form is sent: published, or refused for a drop that was not confirmed (409).</summary>
    public PublishOutcome? Outcome { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Comparison = await publishing.CompareDraftAsync(cancellationToken);
            return Page();
        }
        catch (KnowledgeAdminException ex)
        {
            return Refuse(ex);
        }
    }

    public async Task<IActionResult> OnPostAsync(bool confirm, CancellationToken cancellationToken)
    {
        try
        {
            Outcome = await publishing.PublishAsync(User, confirm, cancellationToken);
            Response.StatusCode = Outcome.Published ? StatusCodes.Status200OK : StatusCodes.Status409Conflict;
            return Page();
        }
        catch (KnowledgeAdminException ex)
        {
            return Refuse(ex);
        }
    }
}
