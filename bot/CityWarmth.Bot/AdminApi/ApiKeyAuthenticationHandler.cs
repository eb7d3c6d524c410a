using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using CityWarmth.Bot.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.AdminApi;

/// <summary>
/// Authenticates automation with a key from <c>Admin:ApiKeys</c> sent as <c>Authorization: Bearer &lt;key&gt;</c>.
/// A valid key acts as an admin named after a short fingerprint of the key (never the key itself).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<AdminApiOptions> adminOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim());
        foreach (var key in adminOptions.CurrentValue.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k)))
        {
            var expected = Encoding.UTF8.GetBytes(key.Trim());
            // Compare hashes so the time taken says nothing about the key's length or content.
            if (CryptographicOperations.FixedTimeEquals(SHA256.HashData(presented), SHA256.HashData(expected)))
            {
                var name = "api-key:" + Convert.ToHexStringLower(SHA256.HashData(expected))[..8];
                var identity = new ClaimsIdentity(
                    [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, ConsoleRoles.Admin)],
                    Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
            }
        }

        return Task.FromResult(AuthenticateResult.Fail("Invalid API key."));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
