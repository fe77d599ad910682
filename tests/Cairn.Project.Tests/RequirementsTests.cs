using Cairn.Project.Extensions.Flask;

namespace Cairn.Project.Tests;

public sealed class RequirementsTests
{
    [Theory]
    [InlineData("flask", "flask")]
    [InlineData("Flask", "flask")]
    [InlineData(" flask == 99", "flask")]
    [InlineData("flask[async]>=2", "flask")]
    [InlineData("flask; python_version>\"3\"", "flask")]
    [InlineData("flask>=2,<4", "flask")]
    [InlineData("Flask_Login~=0.6", "flask_login")]
    [InlineData("gevent @ https://example.com/gevent.whl", "gevent")]
    [InlineData("# flask", null)]
    [InlineData("flask # trailing comment", null)]
    [InlineData("-r other.txt", null)]
    [InlineData("--index-url https://example.com", null)]
    [InlineData("git+https://example.com/flask.git", null)]
    [InlineData("", null)]
    public void Reads_the_name_of_a_requirement_line(string line, string? expected)
    {
        Assert.Equal(expected, Requirements.NameOf(line));
    }

    [Fact]
    public void Reads_project_dependencies_from_pyproject_only()
    {
        const string toml = """
            [project]
            name = "x"
            dependencies = [
              "Flask>=3",   # comment with a "quote"
              'gevent',
            ]
            optional-dependencies = { dev = ["pytest"] }

            [tool.other]
            dependencies = ["requests"]
            """;
        Assert.Equal(["flask", "gevent"], Requirements.FromPyProject(toml));
    }

    [Fact]
    public void A_pyproject_without_a_project_table_has_no_dependencies()
    {
        Assert.Empty(PyProject.ProjectDependencies("[tool.poetry]\ndependencies = [\"flask\"]\n"));
    }
}
