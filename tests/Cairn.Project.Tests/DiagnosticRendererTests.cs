using Cairn.Diagnostics;

namespace Cairn.Project.Tests;

public sealed class DiagnosticRendererTests
{
    private static readonly DiagnosticRenderer Renderer = new(path => path == "f.yaml" ? ["name: x", "\tbase: y"] : null);

    [Fact]
    public void Shows_the_line_and_a_caret_under_the_column()
    {
        var text = Renderer.Render(new Diagnostic("CAIRN1000", "cannot use x", new SourceLocation("f.yaml", 1, 7), "do y"));
        Assert.Equal("f.yaml:1:7: cannot use x\n  name: x\n        ^\nhint: do y\n", text);
    }

    [Fact]
    public void Keeps_tabs_so_the_caret_lines_up()
    {
        var text = Renderer.Render(new Diagnostic("CAIRN1000", "cannot use y", new SourceLocation("f.yaml", 2, 8)));
        Assert.Equal("f.yaml:2:8: cannot use y\n  \tbase: y\n  \t      ^\n", text);
    }

    [Fact]
    public void Without_a_location_or_a_readable_file_it_shows_the_message_only()
    {
        Assert.Equal("error: cannot go\n", Renderer.Render(new Diagnostic("CAIRN1000", "cannot go")));
        Assert.Equal("g.yaml:3: cannot go\n", Renderer.Render(new Diagnostic("CAIRN1000", "cannot go", new SourceLocation("g.yaml", 3))));
    }
}
