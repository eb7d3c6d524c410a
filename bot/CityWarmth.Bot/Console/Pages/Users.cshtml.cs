using CityWarmth.Bot.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityWarmth.Bot.Console.Pages;

/// <summary>Admins list accounts, create caseworkers (or other admins), and disable or enable accounts.</summary>
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

    /// <summary>Disables (ending its sessions at once) or enables an account; an admin cannot disable their own.</summary>
    public async Task<IActionResult> OnPostDisabledAsync(int id, bool disabled, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || id <= 0)
        {
            Error = "没有这个账号";
        }
        else if (disabled && ConsoleClaims.UserId(User) == id)
        {
            Error = "不能停用自己的账号";
        }
        else if (!await accounts.SetDisabledAsync(id, disabled, cancellationToken))
        {
            Error = "没有这个账号";
        }
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Users = await accounts.ListAsync(cancellationToken);
            return Page();
        }
        await audit.WriteAsync(User, disabled ? AuditActions.UserDisabled : AuditActions.UserEnabled, "user:" + id, null, cancellationToken);
        Notice = disabled ? "已停用账号，它的登录已失效" : "已启用账号";
        return Redirect("/console/users");
    }
}
