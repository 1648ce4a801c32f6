using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mlops.Ui;

/// <summary>The dashboard's JSON conventions: camelCase names, statuses as lower-case words, nulls kept (the pages test for them).</summary>
public static class DashboardJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
