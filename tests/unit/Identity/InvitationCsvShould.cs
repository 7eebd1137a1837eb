using System.Text;
using MarketEdge.Portal.Identity.Bulk;

namespace MarketEdge.Portal.Tests.Identity;

/// <summary>Reading a list of people to invite: what a spreadsheet writes is read, anything else is refused whole with its reason.</summary>
public sealed class InvitationCsvShould
{
    [Fact]
    public void Read_each_line_with_its_line_number_whatever_the_column_order_and_separator()
    {
        var read = InvitationCsv.Read("Role , EMAIL,name\r\nUser,ann@example.com,Ann Example\r\n\r\n\"Viewer\",\"bob@example.com\",\"Bob, Jr.\"\n");

        Assert.Null(read.Problem);
        Assert.Equal(
            [new InvitationCsvRow(2, "ann@example.com", "Ann Example", "User"), new InvitationCsvRow(4, "bob@example.com", "Bob, Jr.", "Viewer")],
            read.Rows);

        var pasted = InvitationCsv.Read("email\tname\trole\ncat@example.com\tCat\tAdmin\n");
        Assert.Equal([new InvitationCsvRow(2, "cat@example.com", "Cat", "Admin")], pasted.Rows);
    }

    [Fact]
    public void Keep_cells_that_look_like_formulas_as_text()
    {
        var read = InvitationCsv.Read("email,name,role\n=cmd|' /C calc'!A0,@SUM(1+1),-1+1\n");

        Assert.Equal([new InvitationCsvRow(2, "=cmd|' /C calc'!A0", "@SUM(1+1)", "-1+1")], read.Rows);
    }

    [Theory]
    [InlineData("", "The list is empty.")]
    [InlineData("  \r\n ", "The list is empty.")]
    [InlineData("email,name,role\r\n", "nobody under it")]
    [InlineData("email,name\nann@example.com,Ann\n", "The column \"role\" is missing")]
    [InlineData("ann@example.com,Ann,User\n", "The column \"email\" is missing")]
    [InlineData("email,name,role,phone\na@example.com,A,User,1\n", "exactly the three columns")]
    [InlineData("email,email,name,role\na@example.com,a@example.com,A,User\n", "exactly the three columns")]
    [InlineData("people\nann\n", "The first line must be the header email,name,role")]
    [InlineData("email,name,role\nann@example.com,\"Ann,User\nbob@example.com,Bob,User\n", "is not valid CSV")]
    public void Refuse_a_list_it_cannot_use_with_the_reason(string text, string reason)
    {
        var read = InvitationCsv.Read(text);

        Assert.Empty(read.Rows);
        Assert.Contains(reason, read.Problem);
    }

    [Fact]
    public void Refuse_a_file_that_is_not_utf8()
    {
        var latin1 = Encoding.Latin1.GetBytes("email,name,role\nzoe@example.com,Zoë,User\n");
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("email,name,role\n")).ToArray();

        Assert.Contains("not UTF-8", InvitationCsv.Read(latin1).Problem);
        Assert.Contains("not UTF-8", InvitationCsv.Read(utf16).Problem);
        var withBom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("email,name,role\nzoe@example.com,Zoë,User\n")).ToArray();
        Assert.Equal([new InvitationCsvRow(2, "zoe@example.com", "Zoë", "User")], InvitationCsv.Read(withBom).Rows);
    }

    [Fact]
    public void Take_five_thousand_people_and_one_megabyte_and_no_more()
    {
        static string List(int people) => "email,name,role\n" + string.Concat(Enumerable.Range(1, people).Select(i => $"p{i}@example.com,P {i},User\n"));

        Assert.Equal(InvitationCsv.MaxRows, InvitationCsv.Read(List(InvitationCsv.MaxRows)).Rows.Count);
        Assert.Contains("more than 5,000 people", InvitationCsv.Read(List(InvitationCsv.MaxRows + 1)).Problem);

        var large = "email,name,role\n" + "a@example.com," + new string('x', InvitationCsv.MaxBytes) + ",User\n";
        Assert.Contains("larger than 1 MB", InvitationCsv.Read(large).Problem);
        Assert.Contains("larger than 1 MB", InvitationCsv.Read(Encoding.UTF8.GetBytes(large)).Problem);
    }
}
