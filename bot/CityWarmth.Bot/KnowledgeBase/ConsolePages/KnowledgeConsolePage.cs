using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityWarmth.Bot.KnowledgeBase.ConsolePages;

/// <summary>
/// A page of the console's knowledge section (/console/knowledge, admins only). A request the knowledge base refuses
/// shows the reason in place of the page, with the refusal's status code.
/// </summary>
public abstract class KnowledgeConsolePage : PageModel
{
    public KnowledgeAdminException? Refusal { get; private set; }

    protected IActionResult Refuse(KnowledgeAdminException refusal)
    {
        Refusal = refusal;
        Response.StatusCode = refusal.Status;
        return Page();
    }

    /// <summary>Does <paramref name="action"/> and shows this page again, or shows why it was refused.</summary>
    protected async Task<IActionResult> ActAsync(Func<Task> action)
    {
        try
        {
            await action();
            return RedirectToPage();
        }
        catch (KnowledgeAdminException ex)
        {
            return Refuse(ex);
        }
    }

    /// <summary>
    /// Does <paramref name="action"/> only when every form value bound (an id that is not a number, an empty one or one
    /// too large is not); otherwise refuses with 400 and changes nothing.
    /// </summary>
    protected Task<IActionResult> ActOnValidFormAsync(Func<Task> action) =>
        ModelState.IsValid
            ? ActAsync(action)
            : Task.FromResult(Refuse(new KnowledgeAdminException(StatusCodes.Status400BadRequest, "表单内容不对", "A value in the form is not valid (an id must be a positive number).")));

    /// <summary>Question ids as a form carries them: "12,15,20".</summary>
    protected static List<long> ParseIds(string? ids) =>
        [.. (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => long.TryParse(s, out var id) ? id : -1).Where(id => id > 0)];
}

/// <summary>The form that attaches a question to a passage, on the alternates page and beside each unanswered question.</summary>
public sealed record AlternateForm(string? PassageId, string? Question, IReadOnlyList<long> UnansweredIds);
