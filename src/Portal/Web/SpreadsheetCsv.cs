using CsvHelper;

namespace MarketEdge.Portal.Web;

/// <summary>The CSV files the portal hands out (member lists, audit logs), written by CsvHelper to open safely in a spreadsheet.</summary>
public static class SpreadsheetCsv
{
    /// <summary>
    /// A cell that starts like a formula (=, +, -, @, tab, CR) is written with a ' before it, and the file starts
    /// with a byte order mark, without which Excel reads UTF-8 names as another encoding.
    /// </summary>
    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> records)
    {
        using var output = new MemoryStream();
        using (var csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, leaveOpen: true))
        {
            csv.WriteHeader([.. header]);
            foreach (var record in records)
            {
                csv.WriteRecord([.. record]);
            }
        }

        return output.ToArray();
    }
}
