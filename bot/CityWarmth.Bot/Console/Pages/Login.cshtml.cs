using CityWarmth.Bot.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.Console.Pages;

public sealed class LoginModel(AccountService accounts, SignInThrottle throttle, AuditLog audit, IOptions<ConsoleAccountOptions> options) : PageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            Error = "请填写用户名和密码";
            return Page();
        }
        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var result = throttle.IsThrottled(address, UserName)
            ? new CityWarmth.Bot.Accounts.SignInResult(SignInOutcome.Throttled, null)
            : await accounts.CheckPasswordAsync(UserName, Password, cancellationToken);
        if (result.Outcome != SignInOutcome.Succeeded)
        {
            if (result.Outcome == SignInOutcome.Invalid)
            {
                throttle.RecordFailure(address, UserName);
            }
            // The audit names the account only when it exists; the page says the same for every name.
            await audit.WriteAsync(result.User?.Id, AccountService.NormalizeUserName(UserName), AuditActions.SignInFailed, "user:" + (result.User?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"), result.Outcome.ToString(), cancellationToken);
            Error = result.Outcome == SignInOutcome.Throttled || throttle.IsThrottled(address, UserName)
                ? $"尝试次数太多，请{options.Value.LockoutMinutes}分钟后再试"
                : "用户名或密码不对";
            return Page();
        }
        throttle.RecordSuccess(address, UserName);

        var user = result.User!;
        await HttpContext.SignInAsync(AccountsServiceCollectionExtensions.Scheme, ConsoleClaims.Create(user, AccountsServiceCollectionExtensions.Scheme),
            new AuthenticationProperties { IsPersistent = false });
        await audit.WriteAsync(user.Id, user.UserName, AuditActions.SignIn, "user:" + user.Id, null, cancellationToken);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl!.StartsWith("/console", StringComparison.Ordinal) ? ReturnUrl : "/console");
    }
}
