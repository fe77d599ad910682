using Cairn.Project.Extensions.Flask;

namespace Cairn.Project.Tests;

public sealed class PythonModuleTests
{
    private static Extensions.Flask.PythonModule Parse(string source)
    {
        var (module, error) = PythonModule.Parse(source);
        Assert.Null(error);
        return module!;
    }

    [Theory]
    [InlineData("app = Flask(__name__)\n", "app")]
    [InlineData("x = app = make()\n", "x,app")]
    [InlineData("from .app import app\n", "app")]
    [InlineData("from web import create as application\n", "application")]
    [InlineData("from web import (a,\n    b as app)\n", "a,app")]
    [InlineData("a, app = 1, 2\n", "")]
    [InlineData("app: Flask = Flask()\n", "")]
    [InlineData("import app\n", "")]
    [InlineData("if True:\n    app = 1\n", "")]
    [InlineData("def f():\n    app = 1\n", "")]
    [InlineData("app == 1\n", "")]
    [InlineData("x = 1; app = 2\n", "x,app")]
    [InlineData("s = '''\napp = 1\n'''\n", "s")]
    [InlineData("d = {\n  'k': 1,\n}\napplication = d\n", "d,application")]
    [InlineData("# app = 1\napp2 = 1\n", "app2")]
    [InlineData("x = f(a=1)\n", "x")]
    public void Finds_module_level_bindings(string source, string expected)
    {
        Assert.Equal(expected, string.Join(',', Parse(source).Bindings));
    }

    [Fact]
    public void Finds_module_level_functions_but_not_nested_or_async_ones()
    {
        var module = Parse("@decorator\ndef create_app():\n    def make_app():\n        pass\n    return 1\n\nasync def other():\n    pass\n");
        Assert.Equal(["create_app"], module.Functions);
    }

    [Theory]
    [InlineData("x = 'abc\n", "unterminated string literal (detected at line 1)", 1, 5)]
    [InlineData("x = \"\"\"abc\n\n", "unterminated triple-quoted string literal (detected at line 3)", 1, 5)]
    [InlineData("x = (1,\n", "'(' was never closed", 1, 5)]
    [InlineData("x = 1)\n", "unmatched ')'", 1, 6)]
    [InlineData("x = [1)\n", "closing parenthesis ')' does not match opening parenthesis '['", 1, 7)]
    [InlineData("x = 1\n  y = 2\n", "unexpected indent", 2, 3)]
    [InlineData("if x:\n        y = 1\n    z = 2\n", "unindent does not match any outer indentation level", 3, 5)]
    [InlineData("def f():\nreturn 1\n", "expected an indented block", 2, 1)]
    [InlineData("x = 1 $ 2\n", "invalid character '$' (U+0024)", 1, 7)]
    public void Reports_syntax_errors_with_their_position(string source, string message, int line, int column)
    {
        var (module, error) = PythonModule.Parse(source);
        Assert.Null(module);
        Assert.Equal(new PythonSyntaxError(message, line, column), error);
    }

    [Fact]
    public void Accepts_continuations_escapes_and_prefixed_strings()
    {
        var module = Parse("x = 1 + \\\n    2\napp = rb'\\d' + f\"{x}\" + 'it\\'s'\n");
        Assert.Equal(["x", "app"], module.Bindings);
    }
}
