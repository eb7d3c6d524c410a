using Microsoft.Extensions.Logging;

namespace CityWarmth.BotFramework.Authentication;

internal static partial class Log
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug, Message = "Inbound request authenticated as {Kind}")]
    public static partial void AuthenticationSucceeded(ILogger logger, ChannelTokenKind? kind);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Inbound request rejected with {StatusCode}: {Reason}")]
    public static partial void AuthenticationFailed(ILogger logger, int statusCode, string? reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Fetched {KeyCount} signing keys from {MetadataUrl}")]
    public static partial void SigningKeysFetched(ILogger logger, string metadataUrl, int keyCount);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Refreshing signing keys from {MetadataUrl} failed; keeping the previous keys")]
    public static partial void SigningKeysRefreshFailed(ILogger logger, string metadataUrl, Exception exception);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Error, Message = "No signing keys available from {MetadataUrl}")]
    public static partial void SigningKeysUnavailable(ILogger logger, string metadataUrl, Exception exception);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Information, Message = "Connector token obtained, expires {ExpiresOn}")]
    public static partial void ConnectorTokenAcquired(ILogger logger, DateTimeOffset expiresOn);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Error, Message = "Connector token request failed with MSAL error {ErrorCode}")]
    public static partial void ConnectorTokenFailed(ILogger logger, string errorCode);
}
