using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityWarmth.Bot.Console.Pages;

/// <summary>The queue; rows are drawn by console.js from /console/api/queue and kept live by server-sent events.</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
