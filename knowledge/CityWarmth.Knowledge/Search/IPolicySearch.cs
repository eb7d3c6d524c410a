using CityWarmth.Knowledge.Documents;

namespace CityWarmth.Knowledge.Search;

/// <summary>Answers a worker's question with the policy passages that best match it.</summary>
public interface IPolicySearch
{
    /// <summary>Searches the published index. Never throws for odd input; blank questions give no hits.</summary>
    PolicySearchResult Search(string question, int maxHits);

    /// <summary>Finds a passage by id (for citation pages).</summary>
    PolicyPassage? FindPassage(string passageId);

    /// <summary>Finds a document by id.</summary>
    PolicyDocument? FindDocument(string documentId);
}

/// <summary>The hits for a question, best first, with a confidence in 0..1 that the first hit answers it.</summary>
public sealed record PolicySearchResult(string Question, IReadOnlyList<PolicySearchHit> Hits, double Confidence)
{
    public static PolicySearchResult Empty(string question) => new(question, [], 0);
}

/// <summary>One passage found for a question, with its source and an extractive answer.</summary>
/// <param name="Answer">The one to three sentences of the passage that best answer the question (about 120 characters).</param>
public sealed record PolicySearchHit(
    string PassageId,
    string DocumentId,
    string DocumentTitle,
    string Issuer,
    DateOnly? Date,
    PassagePart Part,
    string SectionKey,
    string Heading,
    IReadOnlyList<string> SectionPath,
    string Text,
    double Score,
    string Answer);
