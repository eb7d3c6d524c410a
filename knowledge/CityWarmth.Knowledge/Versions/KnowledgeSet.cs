using System.Security.Cryptography;
using System.Text;
using CityWarmth.Knowledge.Documents;
using CityWarmth.Knowledge.Readers;
using CityWarmth.Knowledge.Search;

namespace CityWarmth.Knowledge.Versions;

/// <summary>One stored source document of a knowledge version: its metadata and the original file.</summary>
public sealed record SourceDocument(DocumentMetadata Metadata, string FileName, byte[] Content);

/// <summary>A synonym rule: how workers say it (forms) and how policy says it (terms).</summary>
public sealed record SynonymRule(IReadOnlyList<string> Forms, IReadOnlyList<string> Terms);

/// <summary>An alternate way of asking for a passage.</summary>
public sealed record AlternateQuestion(string PassageId, string Question);

/// <summary>
/// Builds the <see cref="PolicyCorpus"/> of a knowledge version (documents, synonyms, alternate questions) and parses
/// single uploads. The content hash covers everything that changes what a search returns, so equal versions share
/// an index folder.
/// </summary>
public static class KnowledgeSet
{
    private const string PipelineVersion = "knowledge-set-2";

    /// <summary>Parses one file into a document, checking that it yields text.</summary>
    /// <exception cref="DocumentReadException">Unsupported type, unreadable content, or no text.</exception>
    public static PolicyDocument Parse(DocumentMetadata metadata, string fileName, byte[] content)
    {
        var reader = DocumentReaders.ForExtension(Path.GetExtension(fileName).ToLowerInvariant());
        IReadOnlyList<SourceBlock> blocks;
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            blocks = reader.Read(stream);
        }
        catch (DocumentReadException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new DocumentReadException($"The file cannot be read as {Path.GetExtension(fileName)}.", ex);
        }

        var document = PassageSplitter.Build(metadata, blocks, fileName);
        if (document.Passages.Count == 0 || document.Passages.All(p => string.IsNullOrWhiteSpace(p.Text)))
        {
            throw new DocumentReadException("The file holds no text.");
        }

        return document;
    }

    /// <summary>Builds the corpus of a version; alternate questions for passages that no longer exist are ignored.</summary>
    public static PolicyCorpus Build(IReadOnlyList<SourceDocument> documents, IReadOnlyList<SynonymRule> synonyms,
        IReadOnlyList<AlternateQuestion> alternateQuestions)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string s)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(s));
            hash.AppendData([0]);
        }

        Add(PipelineVersion);
        var parsed = new List<PolicyDocument>();
        foreach (var source in documents.OrderBy(d => d.Metadata.Id, StringComparer.Ordinal))
        {
            Add(source.FileName);
            Add(System.Text.Json.JsonSerializer.Serialize(source.Metadata, DocumentMetadata.JsonOptions));
            hash.AppendData(SHA256.HashData(source.Content));
            parsed.Add(Parse(source.Metadata, source.FileName, source.Content));
        }

        var ruleLines = synonyms.Select(r => SynonymTable.FormatRule(r.Forms, r.Terms)).ToList();
        foreach (var line in ruleLines)
        {
            Add(line);
        }

        var alternates = alternateQuestions
            .Where(a => !string.IsNullOrWhiteSpace(a.Question))
            .GroupBy(a => a.PassageId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(a => a.Question.Trim()).Distinct()], StringComparer.Ordinal);
        foreach (var (passageId, questions) in alternates)
        {
            Add(passageId);
            foreach (var q in questions)
            {
                Add(q);
            }
        }

        var duplicate = parsed.GroupBy(d => d.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"Two documents share the id '{duplicate.Key}'.");
        }

        return new PolicyCorpus(parsed, Convert.ToHexStringLower(hash.GetHashAndReset()),
            ruleLines.Count == 0 ? null : SynonymTable.WithExtra(ruleLines), alternates);
    }

    /// <summary>Reads every document with a sidecar in <paramref name="folder"/> (the shipped seed, a bulk import).</summary>
    public static IReadOnlyList<SourceDocument> ReadFolder(string folder, Func<string, DocumentMetadata>? defaultMetadata = null)
    {
        var result = new List<SourceDocument>();
        foreach (var file in Directory.EnumerateFiles(folder).Where(DocumentReaders.IsSupported).Order(StringComparer.Ordinal))
        {
            var sidecar = file + ".meta.json";
            DocumentMetadata metadata;
            if (File.Exists(sidecar))
            {
                metadata = DocumentMetadata.Load(sidecar);
            }
            else if (defaultMetadata is not null)
            {
                metadata = defaultMetadata(file);
            }
            else
            {
                continue;
            }

            result.Add(new SourceDocument(metadata, Path.GetFileName(file), File.ReadAllBytes(file)));
        }

        return result;
    }

    /// <summary>A document id from a file name: ASCII letters, digits and '-', or a short hash when nothing is left.</summary>
    public static string IdFromFileName(string fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName).ToLowerInvariant();
        var sb = new StringBuilder();
        foreach (var c in stem)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        var id = sb.ToString().Trim('-');
        if (id.Length < 3)
        {
            id = "doc-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fileName)))[..10];
        }

        return id.Length > 60 ? id[..60].TrimEnd('-') : id;
    }

    /// <summary>True when <paramref name="id"/> may be used as a document id (and so in passage ids and URLs).</summary>
    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
