using System.Security.Cryptography;
using System.Text;
using CityWarmth.Skills.WageDispute;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityWarmth.Bot.Cases.Pages;

/// <summary>The worker's printable complaint sheet, opened with the key from the confirmation message.</summary>
public sealed class ComplaintSheetModel(IWageCaseStore store) : PageModel
{
    /// <summary>The sheet, or null when the case or its key is wrong.</summary>
    public ComplaintSheet? Sheet { get; private set; }

    public async Task OnGetAsync(string caseNumber, string? key, CancellationToken cancellationToken)
    {
        var wageCase = WageCaseNumber.TryParse(caseNumber, out _, out _) ? await store.GetAsync(caseNumber, cancellationToken) : null;
        if (wageCase is null || key is null || !KeysMatch(wageCase.SheetKey, key))
        {
            // The same answer for a wrong key and a missing case: case numbers are guessable, keys are not.
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        Sheet = ComplaintSheet.From(wageCase);
    }

    private static bool KeysMatch(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));
}
