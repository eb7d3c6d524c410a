using System.ComponentModel.DataAnnotations;

namespace CityWarmth.Knowledge;

/// <summary>Where the policy documents and the index live, and how many hits a search returns.</summary>
public sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    /// <summary>Folder of source documents; relative paths resolve against the content root, then the app folder.</summary>
    [Required]
    public string DocumentsPath { get; set; } = "knowledge/policies";

    /// <summary>Folder holding one index folder per document set (named by content hash).</summary>
    [Required]
    public string IndexPath { get; set; } = "data/index";

    [Range(1, 20)]
    public int MaxHits { get; set; } = 5;
}
