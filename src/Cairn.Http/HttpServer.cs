using System.Net.Sockets;

namespace Cairn.Http;

/// <summary>
/// The small HTTP/1.1 server both daemons use, over listening sockets they bind (unix or TCP): Content-Length bodies,
/// no chunked requests, streamed answers, keep-alive when asked for, and the <see cref="HttpLimits"/> on every client.
/// Written by hand over <see cref="Socket"/> because Kestrel would make binaries that ship in every rock several times
/// larger, and the daemons need little of HTTP.
/// </summary>
/// <param name="limits">What one client may cost.</param>
/// <param name="keepAlive">False: every answer carries <c>Connection: close</c> (pebble, as upstream's clients expect nothing else).</param>
/// <param name="handler">Answers a request; the server answers 500 when it throws.</param>
/// <param name="log">Reports a failure that is not the client's: (what failed, the error).</param>
public sealed class HttpServer(HttpLimits limits, bool keepAlive, Func<HttpRequest, Task<HttpResponse>> handler, Action<string, string> log)
{
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Socket> listeners = [];
    private int open;

    /// <summary>Connections being served now.</summary>
    public int OpenConnections => Volatile.Read(ref open);

    /// <summary>Serves connections accepted on a bound, listening socket (the server closes it on <see cref="Stop"/>).</summary>
    public void Start(Socket listener)
    {
        lock (listeners) listeners.Add(listener);
        _ = AcceptLoop.RunAsync(listener, Accepted, e => log("HTTP accept failed", e.Message), stopping.Token);
    }

    /// <summary>Stops accepting and ends every connection (streams and long polls see their token cancelled).</summary>
    public void Stop()
    {
        stopping.Cancel();
        lock (listeners)
        {
            foreach (var l in listeners) l.Dispose();
        }
    }

    private void Accepted(Socket connection)
    {
        if (Interlocked.Increment(ref open) > limits.MaxConnections)
        {
            Interlocked.Decrement(ref open);
            Refuse(connection);
            return;
        }

        if (connection.AddressFamily != AddressFamily.Unix) connection.NoDelay = true;
        _ = Task.Run(async () =>
        {
            try
            {
                await new HttpConnection(connection, limits, keepAlive, handler, log, stopping.Token).ServeAsync().ConfigureAwait(false);
            }
            finally
            {
                Close(connection);
                Interlocked.Decrement(ref open);
            }
        });
    }

    /// <summary>
    /// Closes in order: a socket disposed while a read is pending (the watch for a client going away) is closed
    /// abortively, and the reset can destroy an answer the client has not read yet; a shutdown first sends it whole.
    /// </summary>
    private static void Close(Socket connection)
    {
        try
        {
            connection.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already gone.
        }
        finally
        {
            connection.Dispose();
        }
    }

    /// <summary>Tells a connection beyond the limit why it is closed, without waiting on it: a fresh socket's send buffer takes the few bytes.</summary>
    private static void Refuse(Socket connection)
    {
        try
        {
            var busy = HttpResponse.Text(503, "too many connections\n");
            connection.Blocking = false;
            connection.Send([.. HttpConnection.Head(busy, busy.Body.Length, "close"), .. busy.Body.Span]);
        }
        catch (SocketException)
        {
            // Gone already, or its buffer full: it is closed all the same.
        }

        Close(connection);
    }
}
