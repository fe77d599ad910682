using Cairn.Sandbox.Environments;
using Cairn.TestKit;

namespace Cairn.Sandbox.Tests;

public class PassThroughTests
{
    [Fact]
    public void Only_proxies_and_the_listed_pip_variables_pass()
    {
        var caller = new Dictionary<string, string>
        {
            ["https_proxy"] = "http://proxy:3128",
            ["PIP_INDEX_URL"] = "https://index.example/simple",
            ["PIP_CERT"] = "/etc/ssl/certs/ca-certificates.crt",
            ["SECRET_TOKEN"] = "x",
            ["HOME"] = "/root",
        };
        var selected = PassThrough.Select(caller, _ => { });
        Assert.Equal(["PIP_INDEX_URL", "https_proxy"], selected.Variables.Keys.ToArray());
    }

    [Fact]
    public void A_missing_find_links_directory_is_dropped_with_a_warning_and_an_existing_one_bound()
    {
        using var temp = new TempDirectory();
        var warnings = new List<string>();
        var caller = new Dictionary<string, string> { ["PIP_FIND_LINKS"] = $"/does/not/exist file://{temp.Path} https://wheels.example/" };
        var selected = PassThrough.Select(caller, warnings.Add);
        Assert.Equal($"{temp.Path} https://wheels.example/", selected.Variables["PIP_FIND_LINKS"]);
        Assert.Equal([temp.Path], selected.ReadOnlyPaths);
        var warning = Assert.Single(warnings);
        Assert.Contains("/does/not/exist", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_links_naming_only_missing_directories_is_not_passed_at_all()
    {
        var selected = PassThrough.Select(new Dictionary<string, string> { ["PIP_FIND_LINKS"] = "/nonexistent/cairn-wheels" }, _ => { });
        Assert.False(selected.Variables.ContainsKey("PIP_FIND_LINKS"));
    }

    [Fact]
    public void Pip_settings_are_the_pip_values_as_passed_a_relative_wheelhouse_made_absolute()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("wheels"));
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), temp.Combine("wheels"));
        var caller = new Dictionary<string, string>
        {
            ["https_proxy"] = "http://proxy:3128",
            ["PIP_NO_INDEX"] = "1",
            ["PIP_FIND_LINKS"] = $"{relative} /nonexistent/cairn-wheels",
        };

        var settings = PassThrough.PipSettings(caller);

        Assert.Equal(["PIP_FIND_LINKS", "PIP_NO_INDEX"], settings.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(temp.Combine("wheels"), settings["PIP_FIND_LINKS"]);
    }
}
