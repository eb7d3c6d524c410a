using CityWarmth.Bot.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityWarmth.Bot.Console.Pages;

[Authorize(Policy = AccountsServiceCollectionExtensions.AdminPolicy)]
public sealed class AuditModel(AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Target { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Entries = await audit.RecentAsync(300, Target, cancellationToken);
}
