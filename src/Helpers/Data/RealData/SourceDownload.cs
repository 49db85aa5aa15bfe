namespace NotebookCourse.Helpers.Data.RealData;

/// <summary>Downloads a data set's public file into a temporary file.</summary>
public static class SourceDownload
{
    /// <summary>Downloads <paramref name="source"/> to <paramref name="destination"/>; a network failure names the offline alternative.</summary>
    public static void To(Uri source, string destination, string offlineCommand, TextWriter log, TimeSpan? timeout = null)
    {
        log.WriteLine($"Downloading {source} ...");
        try
        {
            using var client = new HttpClient { Timeout = timeout ?? TimeSpan.FromMinutes(10) };
            using var response = client.GetAsync(source, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
            if (!response.IsSuccessStatusCode)
                throw new DataImportException($"Could not download {source}: the server answered {(int)response.StatusCode} {response.ReasonPhrase}. " +
                                              $"To import a local copy instead: {offlineCommand} --from PATH");
            using var body = response.Content.ReadAsStream();
            using var file = File.Create(destination);
            body.CopyTo(file);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && e is not DataImportException)
        {
            throw new DataImportException(
                $"Could not download {source} (no network, or the source is unreachable: {e.Message}). " +
                $"To import a local copy instead: {offlineCommand} --from PATH", e);
        }
    }
}
