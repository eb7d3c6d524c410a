using Microsoft.AspNetCore.Mvc;

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

    public Task<IActionResult> OnPostRollbackAsync(int? version, CancellationToken cancellationToken) =>
        ActAsync(() => publishing.RollbackAsync(User, version, cancellationToken));
}
