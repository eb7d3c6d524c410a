using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CityWarmth.Bot.Data;

/// <summary>
/// Watches the SQL that EF Core sends for writes to the conversations table (the console taking over or handing back,
/// the eraser, retention) and tells <see cref="ConversationStateCache"/>, so states kept in memory are checked against
/// the stored version again. The turn store's own statements do not pass through EF Core and are not seen here.
/// </summary>
internal sealed partial class ConversationWriteWatcher(ConversationStateCache states) : DbCommandInterceptor
{
    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        // Before the statement runs, so a turn that loads from now on asks the database.
        if (WritesConversations(result.CommandText))
        {
            states.ChangedElsewhere();
        }
        return result;
    }

    /// <summary>Any statement naming the table (quoted or not, not directline_conversations) that inserts, updates or deletes.</summary>
    internal static bool WritesConversations(string sql) => ConversationsTable().IsMatch(sql) && WriteKeyword().IsMatch(sql);

    [GeneratedRegex(@"\bconversations\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConversationsTable();

    [GeneratedRegex(@"\b(insert|update|delete)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WriteKeyword();
}
