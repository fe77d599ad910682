using Cairn.Build.Packing;
using Cairn.Oci.Layers;
using Cairn.Parts;
using Cairn.TestKit;

namespace Cairn.Build.Tests.Packing;

public class PackPlanTests
{
    [Fact]
    public void Bare_ReRootsTheVenvUnderUsr_AndKeepsItsOwnMergedUsrLinks()
    {
        using var temp = new TempDirectory();
        var prime = temp.Combine("prime");
        temp.Write("prime/bin/gunicorn", "#!/bin/python3.12\n");
        temp.Write("prime/usr/bin/python3.12", "ELF\n");
        temp.Write("prime/lib/python3.12/site-packages/flask/__init__.py", "\n");
        File.CreateSymbolicLink(Path.Combine(prime, "bin", "python3"), "python3.12");
        File.CreateSymbolicLink(Path.Combine(prime, "lib64"), "lib"); // the venv's, which must not replace bare's
        var result = new LifecycleResult
        {
            Steps = [],
            Permissions = [],
            PrimedPaths = new Dictionary<string, IReadOnlyList<string>>
            {
                ["deps"] = ["bin", "bin/gunicorn", "bin/python3", "lib", "lib/python3.12", "lib/python3.12/site-packages",
                    "lib/python3.12/site-packages/flask", "lib/python3.12/site-packages/flask/__init__.py", "lib64", "usr", "usr/bin", "usr/bin/python3.12"],
            },
            StagedPackages = new Dictionary<string, IReadOnlyList<Cairn.Sandbox.StagedPackage>>(),
            ProjectVariables = new Dictionary<string, string>(),
            PrimeDirectory = prime,
        };

        var entries = new PackPlan(result, BareBase.Index).Entries().SelectMany(l => l.Value).ToDictionary(e => e.Path, StringComparer.Ordinal);

        Assert.Equal(LayerEntryKind.File, entries["usr/bin/gunicorn"].Kind);
        Assert.Equal("python3.12", entries["usr/bin/python3"].LinkTarget);
        Assert.True(entries.ContainsKey("usr/lib/python3.12/site-packages/flask/__init__.py"));
        Assert.DoesNotContain(entries.Keys, p => p == "bin" || p.StartsWith("bin/", StringComparison.Ordinal) || p == "lib64" || p.StartsWith("lib/", StringComparison.Ordinal));
        // The base layer holds the links the re-rooting relies on.
        Assert.Contains(BareBase.Entries, e => e.Path == "lib64" && e.LinkTarget == "usr/lib64");
        Assert.Contains(BareBase.Entries, e => e.Path == "usr/bin" && e.Kind == LayerEntryKind.Directory);
    }
}
