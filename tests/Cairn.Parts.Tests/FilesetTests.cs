using Cairn.Diagnostics;
using Cairn.Sandbox.Caching;

namespace Cairn.Parts.Tests;

public class FilesetTests
{
    private static readonly Dictionary<string, EntryKind> Tree = new()
    {
        [".hidden"] = EntryKind.File,
        ["bin"] = EntryKind.Directory,
        ["bin/gunicorn"] = EntryKind.File,
        ["bin/python3"] = EntryKind.Symlink,
        ["etc"] = EntryKind.Directory,
        ["etc/ssl"] = EntryKind.Directory,
        ["etc/ssl/certs"] = EntryKind.Directory,
        ["etc/ssl/certs/ca-certificates.crt"] = EntryKind.File,
        ["etc/ssl/certs/other.pem"] = EntryKind.File,
        ["flask"] = EntryKind.Directory,
        ["flask/app"] = EntryKind.Directory,
        ["flask/app/app.py"] = EntryKind.File,
        ["flask/app/static"] = EntryKind.Directory,
        ["flask/app/static/.keep"] = EntryKind.File,
        ["flask/app/static/site.css"] = EntryKind.File,
        ["lib"] = EntryKind.Directory,
        ["lib/python3.12"] = EntryKind.Directory,
        ["lib/python3.12/site-packages"] = EntryKind.Directory,
        ["lib/python3.12/site-packages/flask.py"] = EntryKind.File,
    };

    private static string[] Select(params string[] entries) => new Fileset("p", "stage", entries).Select(Tree).ToArray();

    [Fact]
    public void Select_Empty_TakesEverythingButHiddenTopLevelNames()
    {
        var all = Select();
        Assert.Equal(Tree.Keys.Where(k => k != ".hidden").Order(StringComparer.Ordinal), all);
        Assert.Equal(all, Select("*"));
    }

    [Fact]
    public void Select_Exclude_RemovesFileOnlyAndKeepsParents()
    {
        var kept = Select("-etc/ssl/certs/ca-certificates.crt");
        Assert.DoesNotContain("etc/ssl/certs/ca-certificates.crt", kept);
        Assert.Contains("etc/ssl/certs/other.pem", kept);
        Assert.Contains("bin/gunicorn", kept);
    }

    [Fact]
    public void Select_ExcludeWithSpaceAfterDash_IsTheSamePath()
    {
        Assert.Equal(Select("-flask/app/static"), Select("- flask/app/static"));
        Assert.DoesNotContain("flask/app/static/site.css", Select("- flask/app/static"));
    }

    [Fact]
    public void Select_LiteralDirectory_BringsDescendantsIncludingHiddenAndParents()
    {
        Assert.Equal(["flask", "flask/app", "flask/app/static", "flask/app/static/.keep", "flask/app/static/site.css"], Select("flask/app/static"));
    }

    [Fact]
    public void Select_StarDoesNotCrossSlash_DoubleStarDoes()
    {
        Assert.Equal(["bin", "bin/gunicorn", "bin/python3"], Select("bin/*"));
        Assert.Empty(Select("*.py"));
        Assert.Equal(["flask", "flask/app", "flask/app/app.py", "lib", "lib/python3.12", "lib/python3.12/site-packages", "lib/python3.12/site-packages/flask.py"], Select("**/*.py"));
    }

    [Fact]
    public void Select_HiddenNames_MatchOnlyPatternsStartingWithDot()
    {
        Assert.Equal([".hidden"], Select(".*"));
        Assert.DoesNotContain("flask/app/static/.keep", Select("flask/app/static/*"));
    }

    [Fact]
    public void Select_ExcludedDirectory_RemovesEverythingBelow()
    {
        var kept = Select("*", "-flask");
        Assert.DoesNotContain(kept, p => p.StartsWith("flask", StringComparison.Ordinal));
        Assert.Contains("bin/gunicorn", kept);
    }

    [Fact]
    public void Select_EverythingWithoutIncludes_KeepsHiddenPaths()
    {
        var kept = new Fileset("p", "prime", ["-bin"]).Select(Tree, everythingWithoutIncludes: true);
        Assert.Contains(".hidden", kept);
        Assert.DoesNotContain("bin/gunicorn", kept);
    }

    [Fact]
    public void Parse_AbsoluteEntry_IsAnError()
    {
        var e = Assert.Throws<CairnException>(() => new Fileset("app", "prime", ["/etc/passwd"]));
        Assert.Equal("CAIRN3010", e.Diagnostics[0].Code);
        Assert.Contains("part 'app'", e.Message);
    }

    [Theory]
    [InlineData("*", "flask/app/app.py", true)]
    [InlineData("flask/*", "flask/app/app.py", true)]
    [InlineData("flask/gunicorn.conf.py", "flask/gunicorn.conf.py", true)]
    [InlineData("flask/gunicorn.conf.py", "flask", false)]
    [InlineData("opt/promtail", "opt/promtail/x", false)]
    [InlineData("var/log/?lask", "var/log/flask", true)]
    public void FnMatch_StarCrossesSlash(string pattern, string path, bool expected) =>
        Assert.Equal(expected, PathPattern.FnMatch(pattern).IsMatch(path));
}
