using CityWarmth.Bot.Accounts;

namespace CityWarmth.Bot.Hosting;

public static class ServerPagesServiceCollectionExtensions
{
    /// <summary>
    /// Every HTML page the bot serves is a Razor Page in its feature's folder: the caseworker console
    /// (Console/Pages), the console's wage case pages (Cases/ConsolePages), its knowledge pages (KnowledgeBase/ConsolePages), a cited passage in its document
    /// (KnowledgeBase/Pages) and the worker's complaint sheet (Cases/Pages). Who may open them is set here, by folder.
    /// </summary>
    public static IServiceCollection AddServerPages(this IServiceCollection services)
    {
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/";
            o.Conventions.AuthorizeFolder("/Console/Pages", AccountsServiceCollectionExtensions.CaseworkerPolicy);
            o.Conventions.AllowAnonymousToPage("/Console/Pages/Login");
            o.Conventions.AuthorizeFolder("/Cases/ConsolePages", AccountsServiceCollectionExtensions.CaseworkerPolicy);
            o.Conventions.AuthorizeFolder("/KnowledgeBase/ConsolePages", AccountsServiceCollectionExtensions.AdminPolicy);
            o.Conventions.AuthorizeFolder("/Insights/ConsolePages", AccountsServiceCollectionExtensions.AdminPolicy);
        });
        // Chinese is written as-is, not as &#x...; entities (markup characters are still encoded).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        return services;
    }
}
