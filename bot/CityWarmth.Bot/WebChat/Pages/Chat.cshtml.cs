using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityWarmth.Bot.WebChat.Pages;

/// <summary>
/// The worker's chat page. It names its scripts and styles by their fingerprinted URLs (cached for good), so the page
/// itself is revalidated on every visit: an update reaches people on their next visit.
/// </summary>
public sealed class ChatModel : PageModel
{
    public void OnGet() => Response.Headers.CacheControl = "no-cache";
}
