using System.Text.RegularExpressions;

namespace CityWarmth.Skills.WageDispute;

/// <summary>
/// Reads mainland mobile numbers written with spaces, dashes, "+86"/"0086" or full-width digits and
/// returns the 11 digits when they form a valid number (1[3-9]xxxxxxxxx). Never throws.
/// </summary>
public static partial class PhoneParser
{
    /// <summary>The first valid mobile number in the text, as 11 digits, or null.</summary>
    public static string? Find(string? input)
    {
        var text = WageText.Normalize(input);
        foreach (Match m in Candidate().Matches(text))
        {
            var digits = string.Concat(m.Groups["n"].Value.Where(char.IsAsciiDigit));
            if (Valid().IsMatch(digits))
            {
                return digits;
            }
        }
        return null;
    }

    /// <summary>True when the text holds something shaped like a phone number that is not a valid mobile.</summary>
    public static bool LooksLikeInvalidNumber(string? input) =>
        Find(input) is null && WageText.Normalize(input).Count(char.IsAsciiDigit) >= 7;

    [GeneratedRegex(@"(?<![\d])(?:(?:\+|00)?86[\s\-)]*)?(?<n>1(?:[\s\-]*\d){10})(?![\d])")]
    private static partial Regex Candidate();

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Valid();
}
