using Cairn.Pebble.Plan;

namespace Cairn.Pebble.Tests.Plan;

/// <summary>Table tests: layers (YAML) in, combined plan YAML or an error message out, as upstream's plan tests.</summary>
public class PlanCombineTests
{
    public static TheoryData<string, string[], string> Cases => new()
    {
        {
            "replace keeps only the newer definition",
            ["services:\n  srv:\n    override: replace\n    command: a\n    environment: {X: '1'}\n",
             "services:\n  srv:\n    override: replace\n    command: b\n"],
            "services:\n    srv:\n        override: replace\n        command: b\n"
        },
        {
            "merge overwrites set scalars and keeps the rest, and the first override",
            ["services:\n  srv:\n    override: replace\n    command: a\n    summary: S\n    user: u\n",
             "services:\n  srv:\n    override: merge\n    command: b\n"],
            "services:\n    srv:\n        summary: S\n        override: replace\n        command: b\n        user: u\n"
        },
        {
            "merge appends after, before and requires",
            ["services:\n  srv:\n    override: replace\n    command: a\n    after: [x]\n    requires: [x]\n  x:\n    override: replace\n    command: x\n",
             "services:\n  srv:\n    override: merge\n    after: [x]\n    before: [y]\n  y:\n    override: replace\n    command: y\n"],
            "services:\n    srv:\n        override: replace\n        command: a\n        after:\n            - x\n            - x\n        before:\n            - \"y\"\n        requires:\n            - x\n    x:\n        override: replace\n        command: x\n    \"y\":\n        override: replace\n        command: \"y\"\n"
        },
        {
            "merge overwrites environment key-wise",
            ["services:\n  srv:\n    override: replace\n    command: a\n    environment: {A: '1', B: '2'}\n",
             "services:\n  srv:\n    override: merge\n    environment: {B: '3', C: '4'}\n"],
            "services:\n    srv:\n        override: replace\n        command: a\n        environment:\n            A: \"1\"\n            B: \"3\"\n            C: \"4\"\n"
        },
        {
            "merge onto nothing is a copy",
            ["services:\n  srv:\n    override: merge\n    command: a\n    startup: enabled\n"],
            "services:\n    srv:\n        startup: enabled\n        override: merge\n        command: a\n"
        },
        {
            "durations print in Go style",
            ["services:\n  srv:\n    override: replace\n    command: a\n    backoff-delay: 1.5s\n    backoff-factor: 2.0\n    backoff-limit: 60s\n    kill-delay: 500ms\n"],
            "services:\n    srv:\n        override: replace\n        command: a\n        backoff-delay: 1.5s\n        backoff-factor: 2\n        backoff-limit: 1m0s\n        kill-delay: 500ms\n"
        },
        {
            "scalar environment values become strings",
            ["services:\n  srv:\n    override: replace\n    command: a\n    environment:\n      PORT: 5000\n"],
            "services:\n    srv:\n        override: replace\n        command: a\n        environment:\n            PORT: \"5000\"\n"
        },
        {
            "empty plan prints {}",
            ["", "summary: nothing\n"],
            "{}\n"
        },
        {
            "check merge recursively merges the http block",
            ["checks:\n  chk:\n    override: replace\n    http: {url: 'http://localhost:8000/'}\n",
             "checks:\n  chk:\n    override: merge\n    level: alive\n    http:\n      headers: {X: y}\n"],
            "checks:\n    chk:\n        override: replace\n        level: alive\n        threshold: 3\n        http:\n            url: http://localhost:8000/\n            headers:\n                X: \"y\"\n"
        },
        {
            "on-check-failure merges key-wise",
            ["services:\n  srv:\n    override: replace\n    command: a\n    on-check-failure: {c1: restart}\n",
             "services:\n  srv:\n    override: merge\n    on-check-failure: {c1: ignore, c2: shutdown}\n"],
            "services:\n    srv:\n        override: replace\n        command: a\n        on-check-failure:\n            c1: ignore\n            c2: shutdown\n"
        },
        {
            "flask layer command keeps its quotes in the plan",
            ["services:\n  flask:\n    override: replace\n    startup: enabled\n    command: /bin/python3 -m gunicorn -c /flask/gunicorn.conf.py 'app:app' -k [ sync ]\n    after: [statsd-exporter]\n    user: _daemon_\n  statsd-exporter:\n    override: merge\n    startup: enabled\n    command: /bin/statsd_exporter\n    user: _daemon_\n"],
            "services:\n    flask:\n        startup: enabled\n        override: replace\n        command: /bin/python3 -m gunicorn -c /flask/gunicorn.conf.py 'app:app' -k [ sync ]\n        after:\n            - statsd-exporter\n        user: _daemon_\n    statsd-exporter:\n        startup: enabled\n        override: merge\n        command: /bin/statsd_exporter\n        user: _daemon_\n"
        },
        {
            "tcp check with defaults left unset",
            ["checks:\n  chk:\n    override: replace\n    period: 1s\n    threshold: 2\n    tcp: {port: 8080}\n"],
            "checks:\n    chk:\n        override: replace\n        period: 1s\n        threshold: 2\n        tcp:\n            port: 8080\n"
        },
        // Errors.
        { "missing override", ["services:\n  srv:\n    command: a\n"], "error: layer \"layer-0\" must define \"override\" for service \"srv\"" },
        { "missing override on check", ["checks:\n  chk:\n    tcp: {port: 1}\n"], "error: layer \"layer-0\" must define \"override\" for check \"chk\"" },
        { "missing command", ["services:\n  srv:\n    override: replace\n"], "error: plan must define \"command\" for service \"srv\"" },
        { "unknown requires", ["services:\n  srv:\n    override: replace\n    command: a\n    requires: [nope]\n"], "error: service \"nope\" does not exist" },
        {
            "before/after loop",
            ["services:\n  a:\n    override: replace\n    command: a\n    after: [b]\n  b:\n    override: replace\n    command: b\n    after: [a]\n"],
            "error: services in before/after loop: a, b"
        },
        {
            "loop through before",
            ["services:\n  a:\n    override: replace\n    command: a\n    before: [b]\n  b:\n    override: replace\n    command: b\n    before: [a]\n"],
            "error: services in before/after loop: a, b"
        },
        { "check without a type", ["checks:\n  chk:\n    override: replace\n    level: alive\n"], "error: plan must specify one of \"http\", \"tcp\", or \"exec\" for check \"chk\"" },
        {
            "merging tcp onto http gives two types",
            ["checks:\n  chk:\n    override: replace\n    http: {url: 'http://x/'}\n", "checks:\n  chk:\n    override: merge\n    tcp: {port: 1}\n"],
            "error: plan must specify one of \"http\", \"tcp\", or \"exec\" for check \"chk\""
        },
        { "http without url", ["checks:\n  chk:\n    override: replace\n    http: {}\n"], "error: plan must set \"url\" for http check \"chk\"" },
        { "tcp without port", ["checks:\n  chk:\n    override: replace\n    tcp: {host: x}\n"], "error: plan must set \"port\" for tcp check \"chk\"" },
        { "exec without command", ["checks:\n  chk:\n    override: replace\n    exec: {working-dir: /}\n"], "error: plan must set \"command\" for exec check \"chk\"" },
        {
            "exec service-context must exist",
            ["checks:\n  chk:\n    override: replace\n    exec: {command: 'true', service-context: nope}\n"],
            "error: plan check \"chk\" service context specifies non-existent service \"nope\""
        },
        { "unknown section", ["foo: {}\n"], "error: cannot parse layer \"layer-0\": unknown section \"foo\"" },
        { "unknown service field", ["services:\n  srv:\n    override: replace\n    comand: a\n"], "error: cannot parse layer \"layer-0\": field comand not found in type plan.Service" },
        { "bad on-success", ["services:\n  srv:\n    override: replace\n    command: a\n    on-success: success-shutdown\n"], "error: cannot parse layer \"layer-0\": plan service \"srv\" on-success action \"success-shutdown\" invalid" },
        { "bad on-failure", ["services:\n  srv:\n    override: replace\n    command: a\n    on-failure: failure-shutdown\n"], "error: cannot parse layer \"layer-0\": plan service \"srv\" on-failure action \"failure-shutdown\" invalid" },
        { "backoff-factor below 1", ["services:\n  srv:\n    override: replace\n    command: a\n    backoff-factor: 0.5\n"], "error: cannot parse layer \"layer-0\": plan service \"srv\" backoff-factor must be 1.0 or greater, not 0.5" },
        { "bare number duration", ["services:\n  srv:\n    override: replace\n    command: a\n    kill-delay: 10\n"], "error: cannot parse layer \"layer-0\": invalid duration \"10\"" },
        { "check level", ["checks:\n  chk:\n    override: replace\n    level: dead\n    tcp: {port: 1}\n"], "error: cannot parse layer \"layer-0\": plan check \"chk\" level must be \"alive\" or \"ready\"" },
        { "check zero period", ["checks:\n  chk:\n    override: replace\n    period: 0\n    tcp: {port: 1}\n"], "error: cannot parse layer \"layer-0\": plan check \"chk\" period must not be zero" },
        { "reserved service name", ["services:\n  pebble:\n    override: replace\n    command: a\n"], "error: cannot parse layer \"layer-0\": cannot use reserved service name \"pebble\"" },
        { "service name with dash", ["services:\n  -x:\n    override: replace\n    command: a\n"], "error: cannot parse layer \"layer-0\": cannot use service name \"-x\": starting with \"-\" not allowed" },
        { "null service", ["services:\n  srv:\n"], "error: cannot parse layer \"layer-0\": service object cannot be null for service \"srv\"" },
        { "unclosed quote", ["services:\n  srv:\n    override: replace\n    command: a 'b\n"], "error: cannot parse layer \"layer-0\": plan service \"srv\" command invalid: cannot parse service \"srv\" command: EOF found when expecting closing quote" },
        { "nested brackets", ["services:\n  srv:\n    override: replace\n    command: a [ b [ c ] ]\n"], "error: cannot parse layer \"layer-0\": plan service \"srv\" command invalid: cannot parse service \"srv\" command: cannot nest [ ... ] groups" },
        { "arguments after group", ["services:\n  srv:\n    override: replace\n    command: a [ b ] c\n"], "error: cannot parse layer \"layer-0\": plan service \"srv\" command invalid: cannot parse service \"srv\" command: cannot have any arguments after [ ... ] group" },
        { "log target without location", ["log-targets:\n  t:\n    override: replace\n    type: loki\n"], "error: plan must define \"location\" for log target \"t\"" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Combines_layers_as_upstream(string name, string[] layers, string expected)
    {
        Assert.NotEmpty(name);
        string actual;
        try
        {
            var parsed = layers.Select((yaml, i) => LayerParser.Parse(yaml, $"layer-{i}", i)).ToList();
            actual = PebbleLayerWriter.Write(PebblePlan.Combine(parsed).ToLayer());
        }
        catch (PlanException e)
        {
            actual = "error: " + e.Message;
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Written_layer_reads_back_to_the_same_plan()
    {
        var yaml = "services:\n  srv:\n    override: replace\n    command: echo 'a b' [ \"c d\" ]\n    environment: {K: 'yes', E: ''}\n    on-failure: shutdown\n    backoff-limit: 1m30s\n";
        var layer = LayerParser.Parse(yaml, "x", 1);
        var written = PebbleLayerWriter.Write(layer);
        Assert.Equal(written, PebbleLayerWriter.Write(LayerParser.Parse(written, "x", 1)));
        Assert.Contains("K: \"yes\"", written);
        Assert.Contains("E: \"\"", written);
    }

    [Fact]
    public void Start_order_puts_after_targets_first_and_lanes_follow_requires()
    {
        var layer = LayerParser.Parse(
            "services:\n  a: {override: replace, command: a, after: [b], requires: [b]}\n  b: {override: replace, command: b}\n  c: {override: replace, command: c, before: [a]}\n",
            "l", 1);
        var plan = PebblePlan.Combine([layer]);
        var order = plan.StartOrder(["a", "c"]);
        Assert.Equal(["b", "c", "a"], order);
        var lanes = plan.Lanes(order);
        Assert.Equal(2, lanes.Count);
        Assert.Equal(["b", "a"], lanes[0]);
        Assert.Equal(["c"], lanes[1]);
        Assert.Equal(["a", "b"], plan.StopOrder(["b"]));
    }

    [Fact]
    public void ReadServices_collects_every_problem_with_its_position()
    {
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader("services:\n  srv:\n    override: replace\n    on-success: nope\n    kill-delay: 3\n  pebble:\n    command: x\n"));
        var root = (YamlDotNet.RepresentationModel.YamlMappingNode)stream.Documents[0].RootNode;
        var problems = new List<PlanProblem>();
        var services = LayerParser.ReadServices((YamlDotNet.RepresentationModel.YamlMappingNode)root["services"], problems);
        Assert.Equal(3, problems.Count);
        Assert.Equal(new PlanProblem("plan service \"srv\" on-success action \"nope\" invalid", 4, 17), problems[0]);
        Assert.Equal(new PlanProblem("invalid duration \"3\"", 5, 17), problems[1]);
        Assert.Equal(6, problems[2].Line);
        Assert.True(services.ContainsKey("srv"));
    }

    [Fact]
    public void Layers_directory_orders_files_and_sub_directories()
    {
        using var dir = new Cairn.TestKit.TempDirectory();
        dir.Write("layers/002-second.yaml", "services:\n  s: {override: merge, command: two}\n");
        dir.Write("layers/001-first.yaml", "services:\n  s: {override: replace, command: one, startup: enabled}\n");
        dir.Write("layers/003-more.d/001-inner.yaml", "services:\n  s: {override: merge, summary: inner}\n");
        dir.Write("layers/README", "ignored");
        var layers = LayersDirectory.Load(dir.Combine("layers"));
        Assert.Equal(["first", "second", "more/inner"], layers.Select(l => l.Label));
        Assert.Equal([1000, 2000, 3001], layers.Select(l => l.Order));
        var plan = PebblePlan.Combine(layers);
        Assert.Equal("two", plan.Services["s"].Command);
        Assert.Equal("inner", plan.Services["s"].Summary);
    }

    [Theory]
    [InlineData("1-bad.yaml", "invalid layer filename: \"1-bad.yaml\" (must look like \"123-some-label.yaml\")")]
    [InlineData("001-a--b.yaml", "invalid layer filename: \"001-a--b.yaml\" (must look like \"123-some-label.yaml\")")]
    public void Layers_directory_rejects_bad_names(string file, string message)
    {
        using var dir = new Cairn.TestKit.TempDirectory();
        dir.Write("layers/" + file, "");
        var e = Assert.Throws<PlanException>(() => LayersDirectory.Load(dir.Combine("layers")));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Broken_layer_file_error_names_file_and_line()
    {
        using var dir = new Cairn.TestKit.TempDirectory();
        var path = dir.Write("layers/001-broken.yaml", "services:\n  srv:\n    override: replace\n    command: a\n    restart: always\n");
        var e = Assert.Throws<PlanException>(() => LayersDirectory.Load(dir.Combine("layers")));
        Assert.Equal($"cannot parse layer \"broken\": field restart not found in type plan.Service ({path}:5)", e.Message);
    }

    [Theory]
    [InlineData("services:\n  s: {command: a}\n", "layer \"two\" must define \"override\" for service \"s\" ({2})")]
    [InlineData("checks:\n  c: {exec: {command: a}}\n", "layer \"two\" must define \"override\" for check \"c\" ({2})")]
    [InlineData("services:\n  s: {override: replace, summary: no command}\n", "plan must define \"command\" for service \"s\" ({1}, {2})")]
    [InlineData("services:\n  t: {override: replace, command: b, requires: [ghost]}\n", "service \"ghost\" does not exist ({2})")]
    [InlineData("services:\n  t: {override: replace, command: b, after: [s]}\n  s: {override: merge, after: [t]}\n", "services in before/after loop: s, t ({1}, {2})")]
    [InlineData("checks:\n  c: {override: replace, tcp: {host: x}}\n", "plan must set \"port\" for tcp check \"c\" ({2})")]
    public void Combine_errors_name_the_layer_files(string second, string expected)
    {
        using var dir = new Cairn.TestKit.TempDirectory();
        var first = dir.Write("layers/001-one.yaml", "services:\n  s: {override: replace, command: a}\n");
        var path = dir.Write("layers/002-two.yaml", second);
        var layers = LayersDirectory.Load(dir.Combine("layers"));
        Assert.Equal([first, path], layers.Select(l => l.Path));
        var e = Assert.Throws<PlanException>(() => PebblePlan.Combine(layers));
        Assert.Equal(expected.Replace("{1}", first, StringComparison.Ordinal).Replace("{2}", path, StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public void Combine_errors_of_layers_not_read_from_files_name_no_file()
    {
        var layer = LayerParser.Parse("services:\n  s: {command: a}\n", "api", 1);
        Assert.Null(layer.Path);
        Assert.Equal("layer \"api\" must define \"override\" for service \"s\"", Assert.Throws<PlanException>(() => PebblePlan.Combine([layer])).Message);
    }
}
