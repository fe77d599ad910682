using System.Net.Sockets;

namespace Cairn.Http;

/// <summary>The one loop that accepts connections on a listening socket, for the HTTP server and the exporter's StatsD TCP listener.</summary>
public static class AcceptLoop
{
    /// <summary>Longest pause after a failed accept.</summary>
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Accepts connections until the socket is closed or <paramref name="token"/> is cancelled, handing each to
    /// <paramref name="accepted"/>. A failure (out of file descriptors, say) is reported and retried after a pause that
    /// doubles up to a second, so a lasting one does not spin a core.
    /// </summary>
    public static async Task RunAsync(Socket listener, Action<Socket> accepted, Action<SocketException> failed, CancellationToken token = default)
    {
        var backoff = TimeSpan.Zero;
        while (!token.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(token).ConfigureAwait(false);
                backoff = TimeSpan.Zero;
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || e is SocketException { SocketErrorCode: SocketError.OperationAborted })
            {
                return;
            }
            catch (SocketException e)
            {
                failed(e);
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(5) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                try
                {
                    await Task.Delay(backoff, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            accepted(connection);
        }
    }
}
