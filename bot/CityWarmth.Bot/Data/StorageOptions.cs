using System.ComponentModel.DataAnnotations;

namespace CityWarmth.Bot.Data;

public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>Sqlite</c> (embedded, the default) or <c>Postgres</c>.</summary>
    [Required]
    [RegularExpression("^(?i)(sqlite|postgres)$")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Folder for the SQLite file and other local data, relative to the content root.</summary>
    [Required]
    public string DataPath { get; set; } = "data";

    public bool IsPostgres => string.Equals(Provider, "postgres", StringComparison.OrdinalIgnoreCase);
}
