using CityWarmth.Skills.WageDispute;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityWarmth.Bot.Cases.ConsolePages;

/// <summary>The queue of filed wage cases, beside the handoff queue, filtered by status.</summary>
public sealed class WageCasesModel(IWageCaseStore store) : PageModel
{
    public WageCaseStatus? Status { get; private set; }
    public IReadOnlyList<WageCase> Cases { get; private set; } = [];

    public async Task OnGetAsync(string? status, CancellationToken cancellationToken)
    {
        Status = Enum.TryParse<WageCaseStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;
        Cases = await store.ListAsync(Status, cancellationToken);
        ViewData["Page"] = "wagecases";
    }
}
