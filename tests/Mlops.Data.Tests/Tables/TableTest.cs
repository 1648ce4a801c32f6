using System.Text;
using Mlops.Data.Tables;

namespace Mlops.Data.Tests.Tables;

/// <summary>Base of the table dataset tests: tables written into a scratch folder and loaded through <c>data=table</c>'s options.</summary>
public abstract class TableTest : TempDirectoryTest
{
    /// <summary>Writes <paramref name="content"/> as UTF-8 (with a byte-order mark when <paramref name="bom"/>) and returns its path.</summary>
    protected string Write(string name, string content, bool bom = false)
    {
        var path = Path.Combine(Dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, new UTF8Encoding(bom));
        return path;
    }

    protected static DataOptions Table(string path) => new() { Name = "table", Path = path };

    protected static Task<DatasetSplits> LoadAsync(DataOptions options) => new TableDatasetSource(options).LoadAsync();

    /// <summary>Loading fails with a data error (exit code 3): returns it for the message to be checked.</summary>
    protected static async Task<DataException> FailsAsync(DataOptions options)
    {
        var error = await Assert.ThrowsAsync<DataException>(() => LoadAsync(options));
        Assert.Equal(3, error.ExitCode);
        return error;
    }

    /// <summary>A CSV of <paramref name="count"/> rows cycling through <paramref name="labels"/>, with a header "text,label".</summary>
    protected static string Csv(int count, params string[] labels) =>
        "text,label\n" + string.Concat(Enumerable.Range(0, count).Select(i => $"sentence {i},{labels[i % labels.Length]}\n"));
}
