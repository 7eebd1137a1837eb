using System.Text;
using MarketEdge.Portal.Web;

namespace MarketEdge.Portal.Tests.Web;

/// <summary>The CSV files the portal hands out open safely in a spreadsheet.</summary>
public sealed class SpreadsheetCsvShould
{
    [Fact]
    public void Write_cells_that_a_spreadsheet_would_run_with_a_quote_before_them()
    {
        var written = Encoding.UTF8.GetString(SpreadsheetCsv.Write(
            ["email", "name"], [["ann@example.com", "=HYPERLINK(\"http://evil\")"], ["bob@example.com", "+1"], ["cat@example.com", "@x"], ["dan@example.com", "-2"], ["eve@example.com", "Eve"], ["fay@example.com", "\tTab"]]));

        Assert.StartsWith("\uFEFF", written); // Excel reads UTF-8 only with it
        var lines = written[1..].Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("email,name", lines[0]);
        Assert.Equal("ann@example.com,\"'=HYPERLINK(\"\"http://evil\"\")\"", lines[1]);
        Assert.StartsWith("bob@example.com,", lines[2]);
        Assert.All(lines[2..5], line => Assert.Contains(",'", line.Replace("\"", "")));
        Assert.Equal("eve@example.com,Eve", lines[5]);
        Assert.Equal("fay@example.com,\"'\tTab\"", lines[6]);
    }
}
