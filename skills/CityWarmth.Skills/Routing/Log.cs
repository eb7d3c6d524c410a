using Microsoft.Extensions.Logging;

namespace CityWarmth.Skills.Routing;

internal static partial class Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Routed to {Skill} by {Route} (intent {Intent}, confidence {Confidence:F2}, margin {Margin:F2})")]
    public static partial void Routed(ILogger logger, string skill, string route, string intent, double confidence, double margin);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Crisis words detected; urgent handoff requested")]
    public static partial void Crisis(ILogger logger);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Danger ({Kind}) detected; urgent handoff requested")]
    public static partial void Danger(ILogger logger, DangerKind kind);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Open {Skill} interrupted by {Intent}; resuming afterwards")]
    public static partial void Interrupted(ILogger logger, string skill, string intent);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Unclear message: asking between {Count} candidates ({Misunderstandings} in a row)")]
    public static partial void Clarifying(ILogger logger, int count, int misunderstandings);
}
