using System.Text.Json;
using Mlops.Monitoring.Drift;
using Mlops.Monitoring.Events;
using Mlops.Tests;

namespace Mlops.Monitoring.Tests;

/// <summary>
/// deploy/kibana's saved objects, checked without a Kibana (none installs here): every reference resolves inside the
/// file, and every field a chart reads is one the shipped ECS documents have - so renaming a field breaks this test,
/// not a dashboard in production.
/// </summary>
public sealed class KibanaObjectsTests
{
    private static readonly string File = Path.Combine(RepositoryRoot.Find(), "deploy", "kibana", "mlops-predictions.ndjson");

    private static List<JsonElement> Objects() =>
        [.. System.IO.File.ReadAllLines(File).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    /// <summary>The dotted paths of an ECS document with every optional part present (text hash, drift).</summary>
    private static HashSet<string> DocumentFields()
    {
        var e = new PredictionEvent(DateTimeOffset.UtcNow, "r", "api", "sha256:abc", "abc", "acceptable", 1, 0.9, 7, 1, TimeSpan.FromMilliseconds(2),
            "hmac-sha256:00", null, DriftState.NoDrift, 0.5);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer)) EcsDocument.Write(json, e);
        var fields = new HashSet<string>();
        void Walk(JsonElement node, string prefix)
        {
            foreach (var property in node.EnumerateObject())
            {
                var path = prefix + property.Name;
                if (property.Value.ValueKind == JsonValueKind.Object) Walk(property.Value, path + ".");
                else fields.Add(path);
            }
        }
        Walk(JsonDocument.Parse(buffer.ToArray()).RootElement, "");
        return fields;
    }

    /// <summary>Every value of a property named field, terms_field or time_field, at any depth.</summary>
    private static IEnumerable<string> FieldsReadBy(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.Object => node.EnumerateObject().SelectMany(p =>
            p.Name is "field" or "terms_field" or "time_field" && p.Value.ValueKind == JsonValueKind.String ? [p.Value.GetString()!] : FieldsReadBy(p.Value)),
        JsonValueKind.Array => node.EnumerateArray().SelectMany(FieldsReadBy),
        _ => [],
    };

    [Fact]
    public void Every_chart_reads_fields_the_shipped_documents_have()
    {
        var fields = DocumentFields();
        var visualizations = Objects().Where(o => o.GetProperty("type").GetString() == "visualization").ToList();
        Assert.Equal(6, visualizations.Count);
        foreach (var visualization in visualizations)
        {
            var state = JsonDocument.Parse(visualization.GetProperty("attributes").GetProperty("visState").GetString()!).RootElement;
            var read = FieldsReadBy(state).ToList();
            Assert.NotEmpty(read);
            Assert.All(read, field => Assert.True(fields.Contains(field), $"{visualization.GetProperty("id")} reads '{field}', which no prediction document has"));
        }
        var view = Objects().Single(o => o.GetProperty("type").GetString() == "index-pattern").GetProperty("attributes");
        Assert.Contains(view.GetProperty("timeFieldName").GetString()!, fields);
        Assert.Equal("logs-mlops.predictions-*", view.GetProperty("title").GetString());
        Assert.StartsWith("logs-mlops.predictions-", new Shipping.ElasticsearchOptions().DataStream);
    }

    [Fact]
    public void Every_reference_resolves_inside_the_file_and_the_dashboard_shows_every_visualization()
    {
        var objects = Objects();
        var ids = objects.Select(o => (o.GetProperty("type").GetString(), o.GetProperty("id").GetString())).ToHashSet();
        foreach (var o in objects)
            foreach (var reference in o.GetProperty("references").EnumerateArray())
                Assert.Contains((reference.GetProperty("type").GetString(), reference.GetProperty("id").GetString()), ids);
        var dashboard = objects.Single(o => o.GetProperty("type").GetString() == "dashboard");
        var panels = JsonDocument.Parse(dashboard.GetProperty("attributes").GetProperty("panelsJSON").GetString()!).RootElement.EnumerateArray().ToList();
        var names = dashboard.GetProperty("references").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("id").GetString());
        Assert.Equal(objects.Where(o => o.GetProperty("type").GetString() == "visualization").Select(o => o.GetProperty("id").GetString()).Order(),
            panels.Select(p => names[p.GetProperty("panelRefName").GetString()!]).Order());
    }
}
