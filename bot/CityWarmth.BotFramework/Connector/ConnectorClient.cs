using System.Net.Http.Json;
using CityWarmth.BotFramework.Authentication;
using CityWarmth.BotFramework.Schema;
using Microsoft.Extensions.Logging;

namespace CityWarmth.BotFramework.Connector;

/// <summary>
/// Sends activities to a channel's Bot Connector service, as the Bot Framework SDK does:
/// <c>POST {serviceUrl}/v3/conversations/{id}/activities[/{replyToId}]</c>. Retries and timeouts come from
/// the resilience pipeline registered with the typed client.
/// </summary>
public sealed partial class ConnectorClient(HttpClient http, IConnectorTokenProvider tokens, ILogger<ConnectorClient> logger)
{
    public async Task<bool> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        var serviceUrl = activity.ServiceUrl ?? throw new InvalidOperationException("The activity has no serviceUrl.");
        var conversationId = activity.Conversation?.Id ?? throw new InvalidOperationException("The activity has no conversation.");
        var path = $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities";
        if (!string.IsNullOrEmpty(activity.ReplyToId))
        {
            path += "/" + Uri.EscapeDataString(activity.ReplyToId);
        }
        var uri = new Uri(new Uri(serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/"), path);

        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = JsonContent.Create(activity, options: ProtocolJson.Options),
        };
        var header = await tokens.GetAuthorizationHeaderAsync(serviceUrl, cancellationToken);
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return true;
            }
            Log.ReplyRejected(logger, conversationId, (int)response.StatusCode);
            return false;
        }
        // Polly's ExecutionRejectedException: the total timeout ran out (TimeoutRejectedException) or the circuit is open.
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Polly.ExecutionRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Retries are exhausted: the reply is recorded as failed and the turn goes on.
            Log.ReplyFailed(logger, conversationId, ex);
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Connector rejected a reply to conversation {ConversationId} with status {Status}")]
        public static partial void ReplyRejected(ILogger logger, string conversationId, int status);

        [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "Reply to conversation {ConversationId} could not be delivered")]
        public static partial void ReplyFailed(ILogger logger, string conversationId, Exception exception);
    }
}
