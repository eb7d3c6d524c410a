namespace CityWarmth.BotFramework.Tests.Fakes;

/// <summary>
/// Sends every request to the fake server instead of its real host, keeping path and query. MSAL refuses
/// non-https authorities, so the production authority stays and only the transport is redirected.
/// </summary>
internal sealed class LoopbackRedirectHandler(Uri target) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var original = request.RequestUri!;
        request.Headers.TryAddWithoutValidation("X-Original-Host", original.Host);
        request.RequestUri = new UriBuilder(original) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
