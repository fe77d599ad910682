using Cairn.Diagnostics;

namespace Cairn.Parts;

/// <summary>
/// Answers <c>craftctl</c> calls from a running scriptlet. craft-parts uses a UNIX socket and a Python client; cairn's
/// <c>craftctl</c> is a bash function in the generated script, so it talks over two FIFOs in the part's run
/// directory (which the build environment sees at the same path): one request line (arguments separated by
/// tabs) in, one reply line out (<c>OK</c>, <c>OK value</c> or <c>ERR message</c>).
/// </summary>
internal sealed class CraftCtlServer : IAsyncDisposable
{
    private readonly Func<string[], Task<string?>> handler;
    private readonly Task loop;
    private volatile bool stopping;

    private CraftCtlServer(string directory, Func<string[], Task<string?>> handler)
    {
        RequestPath = Path.Combine(directory, "request");
        ReplyPath = Path.Combine(directory, "reply");
        this.handler = handler;
        loop = Task.Factory.StartNew(ServeAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>The FIFO the script writes requests to.</summary>
    public string RequestPath { get; }

    /// <summary>The FIFO the script reads replies from.</summary>
    public string ReplyPath { get; }

    /// <summary>A failure of a built-in action run through <c>craftctl default</c>, reported once the script has ended.</summary>
    public CairnException? Failure { get; private set; }

    /// <summary>Creates the FIFOs in <paramref name="directory"/> and starts answering; <paramref name="handler"/> returns the value to print, or null.</summary>
    public static CraftCtlServer Start(string directory, Func<string[], Task<string?>> handler)
    {
        Directory.CreateDirectory(directory);
        Fifos.Make(Path.Combine(directory, "request"));
        Fifos.Make(Path.Combine(directory, "reply"));
        return new CraftCtlServer(directory, handler);
    }

    private async Task ServeAsync()
    {
        while (!stopping)
        {
            string request;
            // Opening a FIFO for reading blocks until the script (or DisposeAsync) opens it for writing.
            using (var reader = new StreamReader(new FileStream(RequestPath, FileMode.Open, FileAccess.Read)))
                request = await reader.ReadToEndAsync().ConfigureAwait(false);
            if (stopping) return;
            request = request.TrimEnd('\n');
            if (request.Length == 0) continue;
            string reply;
            try
            {
                var value = await handler(request.Split('\t')).ConfigureAwait(false);
                reply = value is null ? "OK" : "OK " + value;
            }
            catch (CairnException e)
            {
                Failure ??= e;
                reply = "ERR " + e.Message.ReplaceLineEndings(" ");
            }

            try
            {
                using var writer = new StreamWriter(new FileStream(ReplyPath, FileMode.Open, FileAccess.Write));
                await writer.WriteAsync(reply + "\n").ConfigureAwait(false);
            }
            catch (IOException) when (stopping)
            {
                // The script is gone (killed or cancelled) and DisposeAsync woke us: nobody reads the reply.
                return;
            }
        }
    }

    /// <summary>Stops answering: wakes the loop wherever it waits on a FIFO, and waits for it (briefly) to end.</summary>
    public async ValueTask DisposeAsync()
    {
        stopping = true;
        for (var i = 0; i < 200 && !loop.IsCompleted; i++)
        {
            Fifos.TryPoke(RequestPath, forWriting: true);
            // A script killed before it read its reply leaves the loop waiting to open the reply FIFO.
            Fifos.TryPoke(ReplyPath, forWriting: false);
            await Task.WhenAny(loop, Task.Delay(10)).ConfigureAwait(false);
        }

        File.Delete(RequestPath);
        File.Delete(ReplyPath);
    }

    /// <summary>The bash function scripts call as <c>craftctl</c>; <c>default</c> also runs <c>_cairn_default</c> (the plugin's commands).</summary>
    public string ShellFunction() =>
        $$"""
        craftctl() {
          local -
          set +x
          local IFS=$'\t'
          printf '%s\n' "$*" > {{ShellWords.Quote(RequestPath)}}
          local reply
          IFS= read -r reply < {{ShellWords.Quote(ReplyPath)}}
          case "$reply" in
            OK) ;;
            "OK "*) printf '%s\n' "${reply#OK }" ;;
            *) printf 'craftctl: %s\n' "${reply#ERR }" >&2; return 1 ;;
          esac
          if [ "${1:-}" = default ]; then set -x; _cairn_default; fi
        }
        """;
}
