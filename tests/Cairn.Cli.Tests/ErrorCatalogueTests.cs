using System.Text.RegularExpressions;
using Cairn.TestKit;

namespace Cairn.Cli.Tests;

/// <summary>docs/errors.md and the code agree: every CAIRN#### code in src/ has its line there, and every line names a code that exists.</summary>
public partial class ErrorCatalogueTests
{
    [GeneratedRegex(@"CAIRN\d{4}")]
    private static partial Regex Code();

    [Fact]
    public void Every_code_in_src_is_in_docs_errors_md_and_back()
    {
        var inSource = SourceTree.Files()
            .SelectMany(f => Code().Matches(File.ReadAllText(f)).Select(m => m.Value))
            .ToHashSet();
        var documented = Code().Matches(File.ReadAllText(Repository.PathOf("docs", "errors.md"))).Select(m => m.Value).ToHashSet();

        Assert.True(inSource.Count > 40, $"only {inSource.Count} codes found in src/: is the pattern right?");
        Assert.Empty(inSource.Except(documented).Order());
        Assert.Empty(documented.Except(inSource).Order());
    }

    [GeneratedRegex(@"""CAIRN\d{4}""")]
    private static partial Regex CodeLiteral();

    [Fact]
    public void Each_code_is_written_once_as_a_literal()
    {
        // A code is one constant or one factory's literal; a second one would let two errors share it.
        var literals = SourceTree.Files().SelectMany(f => CodeLiteral().Matches(File.ReadAllText(f)).Select(m => m.Value)).ToList();
        Assert.True(literals.Count > 40, $"only {literals.Count} code literals found in src/");
        Assert.Empty(literals.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void Every_code_is_a_constant_of_its_areas_error_codes_class()
    {
        // One style: a code is named once, in <Area>ErrorCodes; messages (inline or in an <Area>Errors factory) use the name.
        var elsewhere = SourceTree.Files().Where(f => !Path.GetFileName(f).EndsWith("ErrorCodes.cs", StringComparison.Ordinal))
            .Where(f => CodeLiteral().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Repository.PathOf("src"), f));
        Assert.Empty(elsewhere);
    }
}
