using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityWarmth.Bot.WeChat;

/// <summary>
/// A message WeChat pushed, kept for a few minutes so that its retries (same MsgId; events: sender and time) are never
/// handled twice, by any instance: the first to insert the key handles it, and a retry gets the same passive reply.
/// Times are Unix milliseconds so both databases can compare them in SQL.
/// </summary>
public sealed class WeChatInboundRecord
{
    public required string Key { get; set; }
    public required string OpenId { get; set; }
    public long ReceivedAtMs { get; set; }
    public string Status { get; set; } = WeChatInboundStatus.Handling;

    /// <summary>The passive reply (plain XML) when one was given; a retry gets it again.</summary>
    public string? ReplyXml { get; set; }
}

public static class WeChatInboundStatus
{
    public const string Handling = "handling";

    /// <summary>Answered in the response (<see cref="WeChatInboundRecord.ReplyXml"/>), or with nothing to say.</summary>
    public const string Answered = "answered";

    /// <summary>Answered "success" in time; the replies go through the customer-service API.</summary>
    public const string Deferred = "deferred";
}

/// <summary>The official account's access token, shared by every instance (one row per AppId).</summary>
public sealed class WeChatAccessTokenRecord
{
    public required string AppId { get; set; }
    public string? AccessToken { get; set; }
    public long ExpiresAtMs { get; set; }

    /// <summary>Until when one instance has the right to fetch a new token (0: nobody).</summary>
    public long RefreshClaimedUntilMs { get; set; }
}

internal sealed class WeChatInboundConfiguration : IEntityTypeConfiguration<WeChatInboundRecord>
{
    public void Configure(EntityTypeBuilder<WeChatInboundRecord> e)
    {
        e.ToTable("wechat_inbound");
        e.HasKey(x => x.Key);
        e.Property(x => x.Key).HasMaxLength(200);
        e.Property(x => x.OpenId).HasMaxLength(128);
        e.Property(x => x.Status).HasMaxLength(16);
        e.HasIndex(x => x.ReceivedAtMs);
        e.HasIndex(x => x.OpenId);
    }
}

internal sealed class WeChatAccessTokenConfiguration : IEntityTypeConfiguration<WeChatAccessTokenRecord>
{
    public void Configure(EntityTypeBuilder<WeChatAccessTokenRecord> e)
    {
        e.ToTable("wechat_access_tokens");
        e.HasKey(x => x.AppId);
        e.Property(x => x.AppId).HasMaxLength(64);
        e.Property(x => x.AccessToken).HasMaxLength(1024);
    }
}
