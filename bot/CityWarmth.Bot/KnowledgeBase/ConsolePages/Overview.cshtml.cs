using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CityWarmth.Bot.KnowledgeBase.ConsolePages;

/// <summary>The knowledge base at a glance: upload, the documents (retire), the versions (roll back).</summary>
public sealed class OverviewModel(KnowledgeDocuments documents, KnowledgePublishing publishing) : KnowledgeConsolePage
{
    public DocumentList Documents { get; private set; } = null!;

    public IReadOnlyList<VersionView> Versions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Documents = await documents.ListDocumentsAsync(cancellationToken);
        Versions = await publishing.ListVersionsAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostRetireAsync(string id, CancellationToken cancellationToken) =>
        ActAsync(() => documents.RetireDocumentAsync(User, id, cancellationToken));

    public Task<IActionResult> OnPostRollbackAsync([Range(1, int.MaxValue)] int? version, CancellationToken cancellationToken) =>
        ActOnValidFormAsync(() => publishing.RollbackAsync(User, version, cancellationToken));
}
