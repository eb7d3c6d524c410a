using Microsoft.Extensions.Logging;

namespace CityWarmth.Skills.WageDispute;

// Ids, counts and steps only: what workers type never reaches the logs.
internal static partial class Log
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Wage intake started with {PrefilledCount} fields from the first message")]
    public static partial void IntakeStarted(ILogger logger, int prefilledCount);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Debug, Message = "Wage intake answer for {Step} not understood (attempt {Attempt})")]
    public static partial void AnswerRejected(ILogger logger, WageIntakeStep step, int attempt);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Wage intake interrupted at {Step} by a question")]
    public static partial void Interrupted(ILogger logger, WageIntakeStep step);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Wage case {CaseNumber} submitted")]
    public static partial void Submitted(ILogger logger, string caseNumber);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information, Message = "Wage intake cancelled at {Step}")]
    public static partial void Cancelled(ILogger logger, WageIntakeStep step);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Information, Message = "Wage intake ended without consent; nothing stored")]
    public static partial void ConsentDeclined(ILogger logger);
}
