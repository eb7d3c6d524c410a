using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.KnowledgeBase.ConsolePages;

/// <summary>
/// An upload staged in the draft, shown as its parsed passages. The form is checked for its antiforgery token after
/// the upload is read, so that the upload's size limit applies before the form is (the automatic check would read it
/// first, under the server's own limit).
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UploadModel(KnowledgeDocuments documents, IOptions<KnowledgeAdminOptions> options, IAntiforgery antiforgery) : KnowledgeConsolePage
{
    public StagedDocument Staged { get; private set; } = null!;

    public IActionResult OnGet() => RedirectToPage("/KnowledgeBase/ConsolePages/Overview");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (upload, input) = await KnowledgeAdminApi.ReadUploadAsync(Request, options.Value.MaxUploadBytes, cancellationToken);
            if (!await antiforgery.IsRequestValidAsync(HttpContext))
            {
                return BadRequest();
            }

            var replace = Request.Form["replace"] == "true" ? input.DocumentId : null;
            Staged = await documents.StageDocumentAsync(User, upload.FileName, upload.Content, input, replace, cancellationToken);
            return Page();
        }
        catch (KnowledgeAdminException ex)
        {
            return Refuse(ex);
        }
    }
}
