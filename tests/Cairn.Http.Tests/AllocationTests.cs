using Cairn.TestKit;
using static Cairn.Http.Tests.TestServer;

namespace Cairn.Http.Tests;

[CollectionDefinition("allocations", DisableParallelization = true)]
public sealed class AllocationCollection;

/// <summary>
/// What a declared Content-Length costs before its bytes arrive: nothing of its size. Measured as the bytes the whole
/// process allocates (alone in its collection, so other tests do not add to it), against a bound far below the claim.
/// </summary>
[Collection("allocations")]
public class AllocationTests
{
    private const int Claim = 200 * 1024 * 1024;
    private const long Bound = 16 * 1024 * 1024;

    [Fact]
    public void A_length_over_the_limit_is_413_before_any_buffer_of_its_size()
    {
        using var server = new TestServer(new HttpLimits { MaxBodyBytes = Claim - 1 });
        Assert.Equal(200, RawHttp.Get(server.EndPoint, "/warm").Status);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var answer = RawHttp.Exchange(server.EndPoint, Request("POST", "/", Claim));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(413, answer.Status);
        Assert.True(allocated < Bound, $"allocated {allocated} bytes for a refused {Claim}-byte claim");
    }

    [Fact]
    public void A_length_within_the_limit_costs_only_the_bytes_that_arrive()
    {
        using var server = new TestServer(new HttpLimits { MaxBodyBytes = Claim });
        Assert.Equal(200, RawHttp.Get(server.EndPoint, "/warm").Status);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        using (var socket = RawHttp.Connect(server.EndPoint))
        {
            socket.Send(Bytes(Request("POST", "/", Claim) + new string('x', 100_000)));
            RawHttp.WaitUntil(() => server.Server.OpenConnections == 1, "the request to be read");
        }

        RawHttp.WaitUntil(() => server.Server.OpenConnections == 0, "the abandoned request to be dropped");
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < Bound, $"allocated {allocated} bytes for 100 kB of a {Claim}-byte claim");
    }
}
