using System.Text;
using CsvHelper;

namespace MarketEdge.Portal.Identity.Bulk;

/// <summary>One line of a list of people to invite, its cells as written (trimmed).</summary>
public sealed record InvitationCsvRow(int Line, string Email, string Name, string Role);

/// <summary>The rows of a file, or why the file as a whole cannot be used (then nothing is read from it).</summary>
public sealed record InvitationCsvContent(IReadOnlyList<InvitationCsvRow> Rows, string? Problem)
{
    public static InvitationCsvContent Refused(string problem) => new([], problem);
}

/// <summary>
/// Lists of people to invite, as CSV with the header <c>email,name,role</c> (columns in any order, commas,
/// semicolons or tabs — what a spreadsheet pastes). Read by CsvHelper; a file that is not UTF-8, too large,
/// too long, badly quoted or without exactly these columns is refused whole, with a message saying why.
/// Cells are only ever text: nothing in them is evaluated.
/// </summary>
public static class InvitationCsv
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxRows = 5_000;
    public static readonly IReadOnlyList<string> Columns = ["email", "name", "role"];

    public const string Template = "email,name,role\r\nann.example@example.com,Ann Example,User\r\nvic.example@example.com,Vic Example,Viewer\r\n";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static InvitationCsvContent Read(byte[] content)
    {
        if (content.Length > MaxBytes)
        {
            return InvitationCsvContent.Refused("The file is larger than 1 MB. Split it into smaller files.");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return InvitationCsvContent.Refused("The file is not UTF-8 text. Save it as \"CSV UTF-8\" and upload it again.");
        }

        return Read(text.TrimStart('\uFEFF'));
    }

    public static InvitationCsvContent Read(string text)
    {
        if (Encoding.UTF8.GetByteCount(text) > MaxBytes)
        {
            return InvitationCsvContent.Refused("The list is larger than 1 MB. Split it into smaller lists.");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return InvitationCsvContent.Refused("The list is empty. Start with the line email,name,role, then one person per line.");
        }

        try
        {
            using var csv = CsvReader.FromText(text, new CsvReaderOptions
            {
                HasHeader = true,
                TrimWhitespace = true,
                SkipEmptyLines = true,
                TrackLineNumbers = true,
                MalformedData = CsvMalformedDataHandling.Throw,
                MaxRecordSize = MaxBytes,
                IncludeValuesInExceptions = false,
            });
            if (HeaderProblem(csv.Headers) is { } headerProblem)
            {
                return InvitationCsvContent.Refused(headerProblem);
            }

            var (email, name, role) = (csv.GetFieldIndex("email"), csv.GetFieldIndex("name"), csv.GetFieldIndex("role"));
            var rows = new List<InvitationCsvRow>();
            while (csv.Read())
            {
                if (rows.Count == MaxRows)
                {
                    return InvitationCsvContent.Refused($"The list has more than {MaxRows:N0} people. Split it into smaller lists.");
                }

                rows.Add(new InvitationCsvRow((int)csv.LineNumber, Cell(csv, email), Cell(csv, name), Cell(csv, role)));
            }

            return rows.Count == 0
                ? InvitationCsvContent.Refused("The list has its header but nobody under it: add one person per line.")
                : new InvitationCsvContent(rows, null);
        }
        catch (CsvFormatException malformed)
        {
            return InvitationCsvContent.Refused($"Line {malformed.LineNumber} is not valid CSV (a quote is not closed, or text follows a closing quote).");
        }
    }

    private static string? HeaderProblem(IReadOnlyList<string> headers)
    {
        var names = headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
        if (names.Count == 1 && names[0].Length > 0 && !Columns.Contains(names[0]))
        {
            return "The first line must be the header email,name,role (separated by commas, semicolons or tabs).";
        }

        if (Columns.FirstOrDefault(column => !names.Contains(column)) is { } missing)
        {
            return $"The column \"{missing}\" is missing: the first line must be the header email,name,role.";
        }

        if (names.Count != Columns.Count)
        {
            return "Use exactly the three columns email, name and role, each once; remove the others.";
        }

        return null;
    }

    private static string Cell(CsvReader csv, int index) => index < csv.FieldCount ? csv.GetString(index).Trim() : "";
}
