using Cairn.Diagnostics;
using Cairn.Project.Extensions.Flask;
using Cairn.TestKit;

namespace Cairn.Project.Tests;

/// <summary>
/// Bad input is the user's problem, never an internal error: mangled project files only ever end in a
/// CairnException, and any text fed to the Python reader ends in a module or a syntax error.
/// </summary>
public sealed class RobustnessTests
{
    private const string Alphabet = "abc_xyz019 \t\n\n\n:=()[]{}'\"#\\,.@-+*;fr";

    [Fact]
    public void The_python_reader_never_throws()
    {
        var random = new Random(20261124);
        for (var i = 0; i < 3000; i++)
        {
            var chars = new char[random.Next(0, 80)];
            for (var j = 0; j < chars.Length; j++)
                chars[j] = Alphabet[random.Next(Alphabet.Length)];
            var (module, error) = PythonModule.Parse(new string(chars));
            Assert.True(module is null != error is null);
            if (error is not null)
                Assert.True(error.Line >= 1 && error.Column >= 1, $"{error} for {new string(chars)}");
        }
    }

    [Fact]
    public void Mangled_project_files_fail_only_as_user_errors()
    {
        using var temp = new TempDirectory();
        var project = temp.CopyFrom(Path.Combine(Repository.Fixtures, "flask-sync"), "p");
        var original = File.ReadAllText(Path.Combine(project, "rockcraft.yaml"))
            + "parts:\n  flask-framework/install-app:\n    prime: [flask/app/app.py]\n  extra:\n    plugin: nil\n    permissions: [{path: x, owner: 1, group: 1, mode: '755'}]\n"
            + "services:\n  flask:\n    environment: {A: b}\n";
        // The untouched text must load, or the mutations below prove nothing.
        ProjectLoader.LoadText(original, project, "rockcraft.yaml");

        var random = new Random(42);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < 1500; i++)
        {
            var text = Mutate(original, random);
            string outcome;
            try
            {
                ProjectLoader.LoadText(text, project, "rockcraft.yaml");
                outcome = "loaded";
            }
            catch (CairnException e)
            {
                Assert.Equal(FailureKind.User, e.Kind);
                Assert.NotEmpty(e.Diagnostics);
                Assert.All(e.Diagnostics, d => Assert.StartsWith("cannot ", d.Message));
                outcome = e.Diagnostics[0].Code;
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        // The mutations reach many different checks, not just the YAML parser.
        Assert.True(outcomes.Count >= 6, string.Join(", ", outcomes.Select(o => $"{o.Key}={o.Value}")));
    }

    private static string Mutate(string text, Random random)
    {
        var chars = text.ToList();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var at = random.Next(chars.Count);
            switch (random.Next(4))
            {
                case 0: chars.RemoveAt(at); break;
                case 1: chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                case 2: chars[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                default:
                    var lines = new string(chars.ToArray()).Split('\n').ToList();
                    var line = random.Next(lines.Count);
                    lines.Insert(random.Next(lines.Count), lines[line]);
                    chars = string.Join('\n', lines).ToList();
                    break;
            }
        }

        return new string(chars.ToArray());
    }
}
