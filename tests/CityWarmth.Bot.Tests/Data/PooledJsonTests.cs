using System.Text.Json;
using CityWarmth.Bot.Data;
using CityWarmth.BotFramework.Schema;

namespace CityWarmth.Bot.Tests.Data;

/// <summary>JSON a turn writes into pooled buffers reads exactly as the serializer's own output.</summary>
public sealed class PooledJsonTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(4096)]
    public void TheJsonIsTheSerializersWhateverTheBufferItStartedIn(int sizeHint)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Text = string.Concat(Enumerable.Repeat("外地来打工的能申请保障性租赁住房吗？<b>&", 200)),
            Conversation = new ConversationAccount { Id = "conv-1" },
        };

        var pooled = PooledJson.Write(activity, ProtocolJson.Options, sizeHint);

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJson.Options), pooled.Json.ToArray());
        pooled.Return();
        Assert.True(pooled.Json.IsEmpty);
        pooled.Return();
    }
}
