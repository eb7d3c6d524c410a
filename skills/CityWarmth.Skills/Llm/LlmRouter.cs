using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using System.Text.RegularExpressions;
using CityWarmth.Skills.Conversation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace CityWarmth.Skills.Llm;

/// <summary>The model's choice: the skill to run, or, for policy, an answer it phrased from cited passages.</summary>
public sealed record LlmChoice(string Skill, IReadOnlyList<BotReply>? Replies);

/// <summary>
/// Lets a chat model choose the skill by function calling, through Semantic Kernel's OpenAI connector. Functions
/// are never invoked automatically: the model's choice comes back here, is checked against the worker functions,
/// and the router runs the skill. For policy, the model may phrase the answer from the retrieved passages, and it
/// is used only if it cites them. Any failure (timeout, HTTP error, a function that is not offered, an uncited
/// answer) returns null, and the router answers offline.
/// </summary>
public sealed partial class LlmRouter : IDisposable
{
    private readonly LlmOptions _options;
    private readonly WorkerFunctions _functions;
    private readonly PolicySearchPlugin _policy;
    private readonly IServiceProvider _services;
    private readonly ILogger<LlmRouter> _logger;
    private readonly HttpClient? _http;
    private readonly IChatCompletionService? _chat;

    public LlmRouter(IOptions<LlmOptions> options, WorkerFunctions functions, PolicySearchPlugin policy,
        IServiceProvider services, ILoggerFactory loggerFactory)
    {
        _options = options.Value;
        _functions = functions;
        _policy = policy;
        _services = services;
        _logger = loggerFactory.CreateLogger<LlmRouter>();
        if (_options.IsConfigured)
        {
            // One client for the app's life; the connector disables its own retries when given an HttpClient,
            // so a failing endpoint costs one attempt before the offline path answers.
            _http = new HttpClient { Timeout = TimeSpan.FromSeconds(_options.TimeoutSeconds) };
            _chat = new OpenAIChatCompletionService(_options.Model!, new Uri(_options.Endpoint!),
                string.IsNullOrWhiteSpace(_options.ApiKey) ? "none" : _options.ApiKey, organization: null, _http, loggerFactory);
        }
    }

    public bool IsEnabled => _chat is not null;

    public async Task<LlmChoice?> TryRouteAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken)
    {
        if (_chat is null)
        {
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        var started = Stopwatch.GetTimestamp();
        try
        {
            // A kernel per use over the shared plugins: cheap, and it holds only the worker functions.
            var kernel = new Kernel(_services, _functions.CreateCollection());
            var history = new ChatHistory(SystemPrompt.Routing);
            history.AddUserMessage(turn.Text);
            var choose = new OpenAIPromptExecutionSettings
            {
                FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(autoInvoke: false),
                Temperature = 0,
            };
            var message = await _chat.GetChatMessageContentAsync(history, choose, kernel, timeout.Token);
            var call = FunctionCallContent.GetFunctionCalls(message).FirstOrDefault();
            if (call is null)
            {
                LogNoFunction(_logger);
                return null;
            }
            if (_functions.SkillFor(call.PluginName, call.FunctionName) is not { } skill)
            {
                LogRefused(_logger);
                return null;
            }

            var replies = skill == SkillNames.Policy
                ? await PhrasePolicyAsync(kernel, history, message, call, turn.Text, timeout.Token)
                : null;
            LogChose(_logger, skill, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return new LlmChoice(skill, replies);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Timeouts surface as cancellations or wrapped HTTP errors; either way the worker gets the offline answer.
            LogFailed(_logger, ex.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return null;
        }
    }

    /// <summary>A round trip: the passages go back to the model as the function's result, and its answer must cite them.</summary>
    private async Task<IReadOnlyList<BotReply>?> PhrasePolicyAsync(Kernel kernel, ChatHistory history, ChatMessageContent message,
        FunctionCallContent call, string userText, CancellationToken cancellationToken)
    {
        var query = call.Arguments?.TryGetValue("query", out var q) == true && q?.ToString() is { Length: > 0 } s ? s : userText;
        var passages = await _policy.SearchPolicyAsync(query, cancellationToken);
        if (passages.Count == 0)
        {
            return null;
        }

        var numbered = passages.Select((p, i) => new { id = i + 1, source = p.Citation.Name, text = p.Text });
        history.Add(message);
        history.Add(new FunctionResultContent(call, JsonSerializer.Serialize(numbered, PassageJson)).ToChatMessage());
        history.AddSystemMessage(SystemPrompt.PolicyAnswer);
        var answer = await _chat!.GetChatMessageContentAsync(history,
            new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.None(), Temperature = 0 },
            kernel, cancellationToken);

        var text = answer.Content?.Trim();
        var cited = text is null ? [] : CitationMarker().Matches(text)
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Where(n => n >= 1 && n <= passages.Count)
            .Distinct()
            .ToList();
        if (cited.Count == 0)
        {
            LogUncited(_logger);
            return null;
        }
        return [new BotReply { Skill = SkillNames.Policy, Text = text, Citations = [.. cited.Select(n => passages[n - 1].Citation)] }];
    }

    // Chinese as is: fewer tokens for the model, and readable in recorded requests.
    private static readonly JsonSerializerOptions PassageJson = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    [GeneratedRegex(@"[\[【](\d{1,2})[\]】]")]
    private static partial Regex CitationMarker();

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Model chose {Skill} in {ElapsedMs:F0} ms")]
    private static partial void LogChose(ILogger logger, string skill, double elapsedMs);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Model call failed ({ErrorType}) after {ElapsedMs:F0} ms; answering offline")]
    private static partial void LogFailed(ILogger logger, string errorType, double elapsedMs);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Model asked for a function that is not offered to workers; answering offline")]
    private static partial void LogRefused(ILogger logger);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information, Message = "Model called no function; answering offline")]
    private static partial void LogNoFunction(ILogger logger);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Information, Message = "Model's policy answer cited no passage; answering offline")]
    private static partial void LogUncited(ILogger logger);

    public void Dispose() => _http?.Dispose();
}
