using System.Net;
using System.Text.Json.Nodes;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.Knowledge.Search;
using Xunit.Abstractions;
using static CityWarmth.Bot.Tests.Admin.KnowledgeAdminKit;

namespace CityWarmth.Bot.Tests.Admin;

/// <summary>
/// Documents the bot has never seen (tests/unseen-documents: a city web page with its navigation and footer, two
/// Word files with tables, a markdown handbook, a PDF), uploaded through the admin API without any metadata,
/// published, and asked about through /api/messages. Each fact question must get its fact in the first message,
/// citing the right section. Point CITYWARMTH_UNSEEN_DOCUMENTS at another folder (documents + facts.jsonl) to
/// evaluate that one instead; the per-document scores are printed (see docs/evaluation.md).
/// </summary>
public sealed class UnseenDocumentsTests(ITestOutputHelper output)
{
    public const string FolderVariable = "CITYWARMTH_UNSEEN_DOCUMENTS";

    // The goal is at least 17 of 18 facts stated with the section cited.
    private const double RequiredShare = 17.0 / 18;

    [Fact]
    public async Task FactsOfUploadedDocumentsAreStatedFirstWithTheirSectionCited()
    {
        var folder = Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "unseen-documents");
        var questions = FactEvaluation.ReadFile(Path.Combine(folder, "facts.jsonl"));

        using var app = NewApp();
        try
        {
            using var api = ApiClient(app);
            using var bot = app.CreateHttpClient();
            foreach (var doc in questions.Select(q => q.Doc).Distinct(StringComparer.Ordinal))
            {
                // No title, issuer or date: the bot must find the title in the document and cite what it has.
                await JsonAsync(await UploadAsync(api, doc, await File.ReadAllBytesAsync(Path.Combine(folder, doc))), HttpStatusCode.Created);
            }

            await JsonAsync(await api.PostAsync("/api/admin/knowledge/publish?confirm=true", null), HttpStatusCode.Created);

            var results = new List<FactResult>();
            foreach (var (question, i) in questions.Select((q, i) => (q, i)))
            {
                var replies = await app.AskAsync(bot, TestActivities.Message(question.Q, $"unseen-{i}", $"worker-{i}"));
                var first = replies.FirstOrDefault(r => r.Type == "message");
                results.Add(FactEvaluation.Score(question, first?.Text ?? string.Empty, CitedNames(first)));
            }

            output.WriteLine(FactEvaluation.Report(results));
            var both = results.Count(r => r.Stated && r.CitedSection);
            Assert.True(both >= RequiredShare * results.Count,
                $"{both} of {results.Count} stated their fact with the section cited:\n{FactEvaluation.Report(results)}");

            // A source line names a title found in the document, never the file name, and prints no empty brackets.
            foreach (var result in results.Where(r => r.FirstMessage.Contains("来源", StringComparison.Ordinal)))
            {
                var source = result.FirstMessage[result.FirstMessage.LastIndexOf("来源", StringComparison.Ordinal)..];
                Assert.DoesNotContain(Path.GetFileNameWithoutExtension(result.Question.Doc), source, StringComparison.Ordinal);
                Assert.DoesNotMatch(@"[(（][,，\s]*[)）]", source);
            }
        }
        finally
        {
            app.DeleteData();
        }
    }

    private static IReadOnlyList<string> CitedNames(CityWarmth.Bot.Protocol.Activity? reply) =>
        reply?.Entities?.SelectMany(e => e["citation"] is JsonArray claims ? claims : [])
            .Select(c => c?["appearance"]?["name"]?.GetValue<string>() ?? string.Empty)
            .ToList() ?? [];
}
