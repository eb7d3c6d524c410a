using System.Net;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.BotFramework.Schema;
using static CityWarmth.Bot.Tests.KnowledgeBase.KnowledgeAdminKit;

namespace CityWarmth.Bot.Tests.KnowledgeBase;

/// <summary>
/// A bot whose knowledge base holds documents uploaded through the admin API without metadata and published, as an
/// admin adds them; questions go through /api/messages, each in a fresh conversation.
/// </summary>
/// <param name="documents">Paths below the test output folder.</param>
public abstract class PublishedDocumentsFixture(params string[] documents) : IAsyncLifetime
{
    public BotApp App { get; } = NewApp();

    public async Task InitializeAsync()
    {
        using var api = ApiClient(App);
        foreach (var document in documents)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, document));
            await JsonAsync(await UploadAsync(api, Path.GetFileName(document), bytes), HttpStatusCode.Created);
        }
        await JsonAsync(await api.PostAsync("/api/admin/knowledge/publish?confirm=true", null), HttpStatusCode.Created);
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        App.DeleteData();
        return Task.CompletedTask;
    }

    /// <summary>The bot's first message in answer to the question, asked in a new conversation.</summary>
    public async Task<Activity> AskAsync(string question)
    {
        using var client = App.CreateHttpClient();
        var replies = await App.AskAsync(client, TestActivities.Message(question, $"c-{Guid.NewGuid():N}", $"w-{Guid.NewGuid():N}"));
        return replies.First(r => r.Type == ActivityTypes.Message);
    }

    public static string FirstLine(Activity reply) => reply.Text!.Split('\n')[0];
}
