using System.Security.Cryptography;
using CityWarmth.Knowledge.Readers;
using CityWarmth.Knowledge.Search;

namespace CityWarmth.Knowledge.Documents;

/// <summary>An immutable set of loaded documents with a hash of the sources they came from.</summary>
public sealed class PolicyCorpus
{
    // Bump when the way sources become passages changes, so stored indexes are rebuilt.
    private const string PipelineVersion = "passages-2";

    private readonly Dictionary<string, PolicyPassage> _passages;
    private readonly Dictionary<string, PolicyDocument> _documents;

    public PolicyCorpus(IReadOnlyList<PolicyDocument> documents, string contentHash, SynonymTable? synonyms = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? alternateQuestions = null)
    {
        Documents = documents;
        ContentHash = contentHash;
        Synonyms = synonyms;
        AlternateQuestions = alternateQuestions ?? new Dictionary<string, IReadOnlyList<string>>();
        _documents = documents.ToDictionary(d => d.Id, StringComparer.Ordinal);
        _passages = documents.SelectMany(d => d.Passages).ToDictionary(p => p.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<PolicyDocument> Documents { get; }

    /// <summary>Hex SHA-256 over the source files, their sidecars and the pipeline version.</summary>
    public string ContentHash { get; }

    /// <summary>The synonyms of this knowledge version; null means the built-in table.</summary>
    public SynonymTable? Synonyms { get; }

    /// <summary>Other ways of asking, by passage id; indexed with the passage so questions phrased that way find it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> AlternateQuestions { get; }

    public IReadOnlyList<string> AlternateQuestionsFor(string passageId) =>
        AlternateQuestions.TryGetValue(passageId, out var questions) ? questions : [];

    public PolicyPassage? FindPassage(string passageId) => _passages.GetValueOrDefault(passageId);

    public PolicyDocument? FindDocument(string documentId) => _documents.GetValueOrDefault(documentId);

    /// <summary>
    /// Loads every document in <paramref name="folder"/> that has a <c>&lt;file&gt;.meta.json</c> sidecar.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static PolicyCorpus LoadFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Policy folder '{folder}' does not exist.");
        }

        var files = Directory.EnumerateFiles(folder)
            .Where(f => DocumentReaders.IsSupported(f) && File.Exists(f + ".meta.json"))
            .Order(StringComparer.Ordinal)
            .ToList();

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(PipelineVersion));
        var documents = new List<PolicyDocument>();
        foreach (var file in files)
        {
            var metaPath = file + ".meta.json";
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(file)));
            hash.AppendData(File.ReadAllBytes(file));
            hash.AppendData(File.ReadAllBytes(metaPath));
            var metadata = DocumentMetadata.Load(metaPath);
            documents.Add(PassageSplitter.Build(metadata, DocumentReaders.ReadFile(file), Path.GetFileName(file)));
        }

        var duplicate = documents.GroupBy(d => d.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"Two documents share the id '{duplicate.Key}'.");
        }

        return new PolicyCorpus(documents, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
