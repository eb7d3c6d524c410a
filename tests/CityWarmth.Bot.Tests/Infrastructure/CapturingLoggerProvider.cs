using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CityWarmth.Bot.Tests.Infrastructure;

/// <summary>Keeps every log line: the formatted message, each structured value, the event id and any exception.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(int EventId, string Line)> _queue = new();

    public IReadOnlyCollection<string> Lines => [.. _queue.Select(e => e.Line)];

    public IReadOnlyCollection<int> EventIds => [.. _queue.Select(e => e.EventId)];

    /// <summary>Every setting that makes the app log as much as it can.</summary>
    public static IDictionary<string, string?> Verbose() => new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Debug",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Debug",
    };

    public ILogger CreateLogger(string categoryName) => new Capturing(this);

    public void Dispose()
    {
    }

    private sealed class Capturing(CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => p.Value)) : "";
            owner._queue.Enqueue((eventId.Id, $"{formatter(state, exception)} {values} {exception}"));
        }
    }
}
