using CityWarmth.Bot.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityWarmth.Bot.Console.Pages;

/// <summary>Admins list accounts and create caseworkers (or other admins).</summary>
[Authorize(Policy = AccountsServiceCollectionExtensions.AdminPolicy)]
public sealed class UsersModel(AccountService accounts, AuditLog audit) : PageModel
{
    public IReadOnlyList<ConsoleUser> Users { get; private set; } = [];

    [BindProperty] public string? NewUserName { get; set; }
    [BindProperty] public string? NewDisplayName { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? NewRole { get; set; }

    public string? Error { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Users = await accounts.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (user, error) = await accounts.CreateAsync(NewUserName ?? "", NewDisplayName ?? "", NewPassword ?? "", NewRole ?? ConsoleRoles.Caseworker, cancellationToken);
        if (user is null)
        {
            Error = error;
            Users = await accounts.ListAsync(cancellationToken);
            return Page();
        }
        await audit.WriteAsync(User, AuditActions.UserCreated, "user:" + user.Id, user.Role, cancellationToken);
        Notice = $"已创建 {user.UserName}";
        return Redirect("/console/users");
    }
}
