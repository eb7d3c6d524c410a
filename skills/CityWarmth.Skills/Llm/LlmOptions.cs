using System.ComponentModel.DataAnnotations;

namespace CityWarmth.Skills.Llm;

/// <summary>An OpenAI-compatible chat-completions endpoint. Without Endpoint and Model the bot routes offline.</summary>
public sealed class LlmOptions
{
    public const string SectionName = "Skills:Llm";

    /// <summary>Base URL of the API, e.g. https://api.example.com/v1 (the client appends /chat/completions).</summary>
    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>Beyond this the turn is answered offline.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 15;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(Model);

    public bool HasValidEndpoint =>
        string.IsNullOrWhiteSpace(Endpoint) || Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
