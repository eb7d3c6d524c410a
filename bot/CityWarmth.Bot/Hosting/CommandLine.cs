using CityWarmth.Bot.Accounts;
using CityWarmth.Bot.Conversations;
using CityWarmth.Bot.Jobs;
using CityWarmth.Bot.KnowledgeBase;
using CityWarmth.Bot.WeChat;

namespace CityWarmth.Bot.Hosting;

/// <summary>
/// The verbs that run a task on the bot's configuration and database and exit, without starting the web server:
/// <c>dotnet run --project bot/CityWarmth.Bot -- &lt;verb&gt; ...</c>.
/// </summary>
public static class CommandLine
{
    private static readonly Dictionary<string, Func<string[], Task<int>>> Verbs = new(StringComparer.Ordinal)
    {
        [CreateUserCommand.Verb] = CreateUserCommand.RunAsync,
        [KnowledgeImportCommand.Verb] = args => KnowledgeImportCommand.RunAsync(args),
        [ImportJobsCommand.Verb] = args => ImportJobsCommand.RunAsync(args, System.Console.Out),
        [EvaluatePolicyCommand.Verb] = args => Task.FromResult(EvaluatePolicyCommand.Run(args, System.Console.Out)),
        [EvaluateRoutingCommand.Verb] = args => EvaluateRoutingCommand.RunAsync(args, System.Console.Out),
        [WeChatMenuCommand.Verb] = args => WeChatMenuCommand.RunAsync(args, System.Console.Out),
    };

    /// <summary>Runs the verb <paramref name="args"/> start with and returns its exit code; null when they name none.</summary>
    public static async Task<int?> TryRunAsync(string[] args) =>
        args.Length > 0 && Verbs.TryGetValue(args[0], out var run) ? await run(args) : null;
}
