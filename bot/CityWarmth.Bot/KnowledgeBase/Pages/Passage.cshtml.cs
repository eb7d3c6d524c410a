using CityWarmth.Knowledge.Documents;
using CityWarmth.Knowledge.Search;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityWarmth.Bot.KnowledgeBase.Pages;

/// <summary>A cited passage shown in its document, on a phone (the citations' links point here).</summary>
public sealed class PassageModel(IPolicySearch search) : PageModel
{
    public PolicyDocument? Document { get; private set; }

    public PolicyPassage? Cited { get; private set; }

    public void OnGet(string passageId)
    {
        Cited = search.FindPassage(passageId);
        Document = Cited is null ? null : search.FindDocument(Cited.DocumentId);
        if (Document is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    /// <summary>The part heading shown before the first of a run of summary passages (the news summary before the notice).</summary>
    public bool StartsSummary(PolicyPassage passage) =>
        passage.Part == PassagePart.Summary && (passage.Ordinal == 0 || Document!.Passages[passage.Ordinal - 1].Part != PassagePart.Summary);
}
