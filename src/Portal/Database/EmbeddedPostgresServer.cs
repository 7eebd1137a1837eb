using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using MarketEdge.Portal.Setup;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MarketEdge.Portal.Database;

/// <summary>
/// A private PostgreSQL server kept in a data folder of ours: created on first use, reused after,
/// listening on loopback only, run as the 'postgres' user when we are root (PostgreSQL refuses
/// root), and stopped when this object is disposed or the process exits. The portal connects as an
/// application role that is not a superuser: it may create databases, and owns the catalog and every
/// organization database, nothing more. The superuser's password is used only to create that role.
/// </summary>
public sealed class EmbeddedPostgresServer : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);
    private const string ServerUser = "postgres";
    public const string ApplicationRole = "marketedge";

    private readonly PostgresInstallation _installation;
    private readonly string _dataDirectory;
    private readonly ILogger _logger;
    private int _stopped;
    private string? _password;
    private string? _applicationPassword;

    private EmbeddedPostgresServer(PostgresInstallation installation, string folder, ILogger logger)
    {
        _installation = installation;
        _dataDirectory = Path.Combine(folder, "postgres");
        PasswordFile = Path.Combine(folder, "postgres.password");
        ApplicationPasswordFile = Path.Combine(folder, "postgres.app-password");
        _logger = logger;
    }

    /// <summary>The folder PostgreSQL keeps its data in (PGDATA).</summary>
    public string DataDirectory => _dataDirectory;

    public int Port { get; private set; }

    private string PasswordFile { get; }

    private string ApplicationPasswordFile { get; }

    /// <summary>Connection string for <paramref name="database"/> on this server, as the application role (not a superuser).</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder(
        Connection(ApplicationRole, _applicationPassword ??= File.ReadAllText(ApplicationPasswordFile).Trim(), database))
    {
        MaxPoolSize = 25, // with the job store's and the organization connections, well inside the server's 100
    }.ConnectionString;

    /// <summary>As the server's superuser: for administering the server itself (roles), never for the portal's own work.</summary>
    public string SuperuserConnectionString(string database) => new NpgsqlConnectionStringBuilder(
        Connection(ServerUser, _password ??= File.ReadAllText(PasswordFile).Trim(), database))
    {
        Pooling = false,
    }.ConnectionString;

    private string Connection(string user, string password, string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = user,
        Password = password,
        Database = database,
        GssEncryptionMode = GssEncryptionMode.Disable, // loopback, no Kerberos: asking for it costs every new connection a Kerberos library round
    }.ConnectionString;

    /// <summary>Starts (creating on first use) the server whose files live in <paramref name="folder"/>/postgres.</summary>
    public static EmbeddedPostgresServer Start(string folder, ILogger logger, string? binDirectory = null)
    {
        var installation = PostgresInstallation.Find(binDirectory);
        var server = new EmbeddedPostgresServer(installation, Path.GetFullPath(folder), logger);
        server.InitializeIfNeeded();
        server.StartOrAdopt();
        server.EnsureApplicationRole();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        var postmasterPid = TryReadPostmasterLine(0);
        var result = RunAsServerUser(_installation.PgCtl, "stop", "-D", _dataDirectory, "-m", "fast", "-w");
        if (result.Succeeded)
        {
            WaitForExit(postmasterPid);
            _logger.LogInformation("Stopped the embedded PostgreSQL in {DataDirectory}", _dataDirectory);
        }
        else if (IsRunning())
        {
            _logger.LogWarning("Could not stop the embedded PostgreSQL: {Output}", result.Output);
        }
    }

    private void InitializeIfNeeded()
    {
        if (File.Exists(Path.Combine(_dataDirectory, "PG_VERSION")))
        {
            return;
        }

        Directory.CreateDirectory(_dataDirectory);
        LetServerUserEnter(Path.GetDirectoryName(_dataDirectory)!);
        WritePasswordFile();
        var initialPassword = Path.Combine(Path.GetTempPath(), $"marketedge-pw-{Guid.NewGuid():N}");
        File.Copy(PasswordFile, initialPassword);
        try
        {
            HandToServerUser(_dataDirectory);
            HandToServerUser(initialPassword);
            _logger.LogInformation("Creating an embedded PostgreSQL in {DataDirectory}", _dataDirectory);
            var result = RunAsServerUser(_installation.InitDb,
                "-D", _dataDirectory, "-U", ServerUser, "--pwfile", initialPassword,
                "--auth-local=peer", "--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8");
            if (!result.Succeeded)
            {
                throw new PortalStartupException(
                    $"Could not create the embedded PostgreSQL in {_dataDirectory}: {LastLine(result.Output)}");
            }
        }
        finally
        {
            File.Delete(initialPassword);
        }
    }

    private void WritePasswordFile() => WriteSecret(PasswordFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(24)));

    /// <summary>Written whole or not at all, readable by its owner only from the first byte.</summary>
    private static void WriteSecret(string path, string secret)
    {
        var written = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new StreamWriter(written, System.Text.Encoding.ASCII, options))
        {
            file.Write(secret);
        }

        File.Move(written, path, overwrite: true);
    }

    /// <summary>
    /// Creates the application role on first start. A data folder made before the role existed has its
    /// databases and their tables handed over to it, so the portal never needs the superuser again. The
    /// password file is written last: a start interrupted half-way does it all again, harmlessly.
    /// </summary>
    private void EnsureApplicationRole()
    {
        if (File.Exists(ApplicationPasswordFile))
        {
            return;
        }

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        using (var maintenance = OpenAsSuperuser("postgres"))
        {
            Execute(maintenance, $"""
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{ApplicationRole}') THEN
                    CREATE ROLE {ApplicationRole} LOGIN CREATEDB NOSUPERUSER NOCREATEROLE NOREPLICATION NOBYPASSRLS;
                  END IF;
                END $$;
                ALTER ROLE {ApplicationRole} PASSWORD '{password}';
                """);
            foreach (var database in ExistingDatabases(maintenance))
            {
                Execute(maintenance, $"ALTER DATABASE {new NpgsqlCommandBuilder().QuoteIdentifier(database)} OWNER TO {ApplicationRole}");
                using var inside = OpenAsSuperuser(database);
                Execute(inside, $"""
                    ALTER SCHEMA public OWNER TO {ApplicationRole};
                    DO $$ DECLARE statement text; BEGIN -- a table's own sequences follow it
                      FOR statement IN
                        SELECT format('ALTER TABLE %I.%I OWNER TO {ApplicationRole}', schemaname, tablename) FROM pg_tables WHERE schemaname = 'public'
                      LOOP EXECUTE statement; END LOOP;
                    END $$;
                    """);
            }
        }

        WriteSecret(ApplicationPasswordFile, password);
    }

    private NpgsqlConnection OpenAsSuperuser(string database)
    {
        var connection = new NpgsqlConnection(SuperuserConnectionString(database));
        connection.Open();
        return connection;
    }

    private static List<string> ExistingDatabases(NpgsqlConnection maintenance)
    {
        using var command = new NpgsqlCommand("SELECT datname FROM pg_database WHERE NOT datistemplate AND datname <> 'postgres'", maintenance);
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private void StartOrAdopt()
    {
        if (IsRunning() && TryReadRunningPort() is { } runningPort)
        {
            Port = runningPort;
            _logger.LogInformation("Reusing the embedded PostgreSQL already running on port {Port}", Port);
            return;
        }

        ProcessRunner.Result? result = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Port = FreeLoopbackPort();
            result = RunAsServerUser(_installation.PgCtl,
                "start", "-D", _dataDirectory, "-w", "-t", "60",
                "-l", Path.Combine(_dataDirectory, "server.log"),
                "-o", $"-c listen_addresses=127.0.0.1 -c port={Port} -c unix_socket_directories=''");
            if (result.Succeeded)
            {
                _logger.LogInformation("Started the embedded PostgreSQL on 127.0.0.1:{Port}", Port);
                return;
            }
        }

        throw new PortalStartupException(
            $"Could not start the embedded PostgreSQL in {_dataDirectory}: {LastLine(result!.Output)} "
            + $"(see {Path.Combine(_dataDirectory, "server.log")})");
    }

    private bool IsRunning() => RunAsServerUser(_installation.PgCtl, "status", "-D", _dataDirectory).Succeeded;

    /// <summary>Line 4 of postmaster.pid is the port the running server listens on.</summary>
    private int? TryReadRunningPort() => TryReadPostmasterLine(3);

    /// <summary>postmaster.pid holds the server's process id (line 1), then its data folder, start time and port.</summary>
    private int? TryReadPostmasterLine(int index)
    {
        var pidFile = Path.Combine(_dataDirectory, "postmaster.pid");
        var lines = File.Exists(pidFile) ? File.ReadAllLines(pidFile) : [];
        return lines.Length > index && int.TryParse(lines[index], out var value) ? value : null;
    }

    /// <summary>pg_ctl returns once the pid file is gone; the process itself may take a moment longer.</summary>
    private static void WaitForExit(int? pid)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (pid is { } id && DateTime.UtcNow < deadline && IsAlive(id))
        {
            Thread.Sleep(20);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool RunningAsRoot => !OperatingSystem.IsWindows() && Environment.IsPrivilegedProcess;

    private ProcessRunner.Result RunAsServerUser(string program, params string[] arguments) =>
        RunningAsRoot
            ? ProcessRunner.Run("runuser", ["-u", ServerUser, "--", program, .. arguments], CommandTimeout)
            : ProcessRunner.Run(program, arguments, CommandTimeout);

    /// <summary>Our data folder only needs to be passable (x), not readable, for the server user to reach its own folder inside.</summary>
    private static void LetServerUserEnter(string folder)
    {
        if (!OperatingSystem.IsWindows() && RunningAsRoot)
        {
            File.SetUnixFileMode(folder, File.GetUnixFileMode(folder) | UnixFileMode.OtherExecute);
        }
    }

    private void HandToServerUser(string path)
    {
        if (!RunningAsRoot)
        {
            return;
        }

        var chown = ProcessRunner.Run("chown", ["-R", $"{ServerUser}:", path], CommandTimeout);
        var reachable = ProcessRunner.Run("runuser", ["-u", ServerUser, "--", "test", "-r", path], CommandTimeout);
        if (!chown.Succeeded || !reachable.Succeeded)
        {
            throw new PortalStartupException(
                $"PostgreSQL runs as the '{ServerUser}' user, who cannot reach {path}: "
                + "set Portal:DataDirectory to a folder every user can enter (e.g. under /tmp or /var/lib).");
        }
    }

    private static string LastLine(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "no output";
}
