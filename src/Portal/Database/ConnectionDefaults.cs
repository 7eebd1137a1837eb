using System.Data.Common;
using Npgsql;

namespace MarketEdge.Portal.Database;

/// <summary>
/// Settings the portal adds to every PostgreSQL connection string it is given (the catalog's and each
/// database server's), unless that string sets them itself:
/// <list type="bullet">
/// <item>No Reset On Close=true: the portal leaves no state on a connection (no SET, no temporary
/// tables, advisory locks only per transaction), so one handed back to the pool needs no DISCARD ALL;</item>
/// <item>Max Auto Prepare=50: statements run again and again are prepared on the server, so PostgreSQL
/// neither parses nor plans them each time (perf: planning was a third of PostgreSQL's time on an
/// organization's home). Behind a pooler in transaction mode that cannot keep prepared statements
/// (PgBouncer before 1.21), set Max Auto Prepare=0 in that connection string.</item>
/// </list>
/// </summary>
public static class ConnectionDefaults
{
    public static string Apply(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 50;
        }

        return builder.ConnectionString;
    }
}
