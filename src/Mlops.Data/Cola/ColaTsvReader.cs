namespace Mlops.Data.Cola;

/// <summary>
/// Reads CoLA sentences from a TSV file in either layout: the raw <c>cola_public</c> release (four columns,
/// no header: source, label, author's mark, sentence) or the GLUE layout (a header naming <c>sentence</c> and
/// <c>label</c>). A malformed row fails with its file and line number.
/// </summary>
public static class ColaTsvReader
{
    public static async Task<IReadOnlyList<LabeledSentence>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            throw new DataException($"Data file '{path}' does not exist.", "Check data.dir (for mlops bench train, --data-dir): it must hold the CoLA TSV files.");
        var lines = await File.ReadAllLinesAsync(path, cancellationToken);
        var rows = new List<LabeledSentence>(lines.Length);
        int sentenceColumn = 3, labelColumn = 1, expectedColumns = 4, first = 0;
        if (lines.Length > 0)
        {
            var header = lines[0].Split('\t');
            var s = Array.IndexOf(header, "sentence");
            var l = Array.IndexOf(header, "label");
            if (s >= 0 && l >= 0)
            {
                (sentenceColumn, labelColumn, expectedColumns, first) = (s, l, header.Length, 1);
            }
        }
        for (var i = first; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0) continue;
            var columns = line.Split('\t');
            if (columns.Length != expectedColumns)
                throw new DataException($"{path}:{i + 1}: expected {expectedColumns} tab-separated columns, found {columns.Length}.",
                    "CoLA rows are 'source<TAB>label<TAB>mark<TAB>sentence' (raw) or follow the file's header (GLUE).");
            var label = columns[labelColumn];
            if (label is not ("0" or "1"))
                throw new DataException($"{path}:{i + 1}: label '{label}' is not 0 or 1.",
                    "CoLA labels are 1 (acceptable) or 0 (unacceptable).");
            rows.Add(new LabeledSentence(columns[sentenceColumn], label[0] - '0'));
        }
        return rows;
    }
}
