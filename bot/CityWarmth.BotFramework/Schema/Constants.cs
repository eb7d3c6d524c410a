namespace CityWarmth.BotFramework.Schema;

public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string Event = "event";
    public const string Invoke = "invoke";
    public const string Typing = "typing";
    public const string EndOfConversation = "endOfConversation";
    public const string Trace = "trace";

    /// <summary>Not sent to a channel: the bot's answer to an invoke, returned in the HTTP response.</summary>
    public const string InvokeResponse = "invokeResponse";
}

public static class DeliveryModes
{
    public const string Normal = "normal";
    public const string ExpectReplies = "expectReplies";
}

/// <summary>Input hints as they appear on the wire (the SDK's values, not the spec prose's short forms).</summary>
public static class InputHints
{
    public const string AcceptingInput = "acceptingInput";
    public const string ExpectingInput = "expectingInput";
    public const string IgnoringInput = "ignoringInput";
}

public static class Channels
{
    public const string DirectLine = "directline";
    public const string WebChat = "webchat";
    public const string Emulator = "emulator";
    public const string Test = "test";
}

public static class RoleTypes
{
    public const string User = "user";
    public const string Bot = "bot";
}

public static class CardActionTypes
{
    public const string ImBack = "imBack";
    public const string PostBack = "postBack";
    public const string OpenUrl = "openUrl";
    public const string Call = "call";
}

public static class HandoffEventNames
{
    public const string Initiate = "handoff.initiate";
    public const string Status = "handoff.status";
}
