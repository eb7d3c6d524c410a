using System.ComponentModel.DataAnnotations;

namespace CityWarmth.Bot.KnowledgeBase;

/// <summary>The knowledge administration settings in the <c>Admin</c> section.</summary>
public sealed class KnowledgeAdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>Largest accepted upload in bytes (413 beyond).</summary>
    [Range(1024, 200L * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;
}
