using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityWarmth.Knowledge.Documents;

/// <summary>The sidecar <c>&lt;file&gt;.meta.json</c> that describes a source document.</summary>
public sealed record DocumentMetadata
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public string Issuer { get; init; } = string.Empty;
    public DateOnly? Date { get; init; }
    public string? Region { get; init; }

    /// <summary>The document number (文号), e.g. <c>人社厅发〔2023〕45号</c>.</summary>
    public string? DocumentNumber { get; init; }

    public DateOnly? EffectiveFrom { get; init; }
    public DateOnly? ExpiresOn { get; init; }
    public string Kind { get; init; } = "notice";
    public bool Sample { get; init; }
    public string? Source { get; init; }
    public string? Note { get; init; }
    public IReadOnlyList<DocumentPartMetadata> Parts { get; init; } = [];

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Reads a sidecar file.</summary>
    /// <exception cref="InvalidDataException">The file is not valid metadata.</exception>
    public static DocumentMetadata Load(string path)
    {
        try
        {
            var metadata = JsonSerializer.Deserialize<DocumentMetadata>(File.ReadAllText(path), JsonOptions)
                ?? throw new InvalidDataException($"'{path}' is empty.");
            if (string.IsNullOrWhiteSpace(metadata.Id) || metadata.Id.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-'))
            {
                throw new InvalidDataException($"'{path}': id must be ASCII letters, digits and '-'.");
            }

            return metadata;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{path}' is not valid metadata: {ex.Message}", ex);
        }
    }
}

/// <summary>A line range of a line-oriented document that is not the document's own text.</summary>
public sealed record DocumentPartMetadata
{
    public PassagePart Kind { get; init; } = PassagePart.Summary;
    public string? Title { get; init; }
    public string? Issuer { get; init; }
    public DateOnly? Date { get; init; }
    public int FirstLine { get; init; }
    public int LastLine { get; init; }
}
