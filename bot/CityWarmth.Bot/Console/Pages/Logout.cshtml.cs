using CityWarmth.Bot.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityWarmth.Bot.Console.Pages;

public sealed class LogoutModel(AuditLog audit, AccountService accounts) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await audit.WriteAsync(User, AuditActions.SignOut, "user:" + ConsoleClaims.UserId(User), null, cancellationToken);
        if (ConsoleClaims.UserId(User) is { } userId)
        {
            // The stamp changes, so a copy of this cookie stops working too.
            await accounts.EndSessionsAsync(userId, cancellationToken);
        }
        await HttpContext.SignOutAsync(AccountsServiceCollectionExtensions.Scheme);
        return Redirect("/console/login");
    }
}
