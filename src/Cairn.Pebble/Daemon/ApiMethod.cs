using Cairn.Http;

namespace Cairn.Pebble.Daemon;

/// <summary>What one method of a route needs of its caller, and its handler.</summary>
internal sealed class ApiMethod
{
    public ApiMethod(ApiAccess access, Func<ApiRequest, Task<HttpResponse>> handler)
    {
        Access = access;
        Handler = handler;
    }

    public ApiMethod(ApiAccess access, Func<ApiRequest, HttpResponse> handler)
        : this(access, r => Task.FromResult(handler(r)))
    {
    }

    public ApiAccess Access { get; }

    public Func<ApiRequest, Task<HttpResponse>> Handler { get; }

    /// <summary>True when <paramref name="request"/>'s caller has the access this method needs.</summary>
    public bool Allows(ApiRequest request) => Access switch
    {
        ApiAccess.Open => true,
        ApiAccess.User => request.IsUnix,
        _ => request.IsUnix && request.IsAdmin,
    };
}
