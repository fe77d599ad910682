namespace Cairn.IntegrationTests;

/// <summary>Talks to a rock on 127.0.0.1, waiting for it to come up.</summary>
public static class Http
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>
    /// GETs the URL, retrying while the server is still starting (connection refused), up to a generous limit; a
    /// server that never came up fails with <paramref name="logs"/> (the container's) when given.
    /// </summary>
    public static async Task<string> GetWhenUpAsync(string url, TimeSpan? patience = null, Func<Task<string>>? logs = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                return await Client.GetStringAsync(url);
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
            catch (HttpRequestException e) when (logs is not null)
            {
                throw new HttpRequestException($"{e.Message}; the container's logs:\n{await logs()}", e);
            }
        }
    }

    public static Task<string> GetAsync(string url) => Client.GetStringAsync(url);
}
