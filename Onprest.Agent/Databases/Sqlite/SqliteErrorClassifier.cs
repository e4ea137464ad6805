using Microsoft.Data.Sqlite;

namespace Onprest.Agent.Databases.Sqlite;

/// <summary>
/// docs/agent-databases.md/ for SQLite by result code: primary code 19 (<c>SQLITE_CONSTRAINT</c>, any extended code with
/// low byte 19) is a constraint; 14 (<c>SQLITE_CANTOPEN</c>) and 10 (<c>SQLITE_IOERR</c> and its extended codes) are
/// unreachable; 8 (<c>SQLITE_READONLY</c> and its extended codes) is a write refused by a read-only connection; busy (5)
/// and locked (6) are ordinary failures.
/// </summary>
public static class SqliteErrorClassifier
{
    public const int Constraint = 19;
    public const int CantOpen = 14;
    public const int IoError = 10;
    public const int ReadOnly = 8;

    public static DbErrorInfo Classify(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SqliteException sqlite)
            {
                var extended = sqlite.SqliteExtendedErrorCode != 0 ? sqlite.SqliteExtendedErrorCode : sqlite.SqliteErrorCode;
                var kind = ClassifyResultCode(extended);
                return new DbErrorInfo(kind, $"result {extended}", TransportFailures.Describe(exception));
            }
        }

        // No socket is involved in-process; only the spec's message fragments can mark an unreachable file.
        var transport = TransportFailures.IsTransport(exception);
        return new DbErrorInfo(transport ? DbErrorKind.Unreachable : DbErrorKind.Other, transport ? "io" : "client", TransportFailures.Describe(exception));
    }

    public static DbErrorKind ClassifyResultCode(int resultCode) => (resultCode & 0xFF) switch
    {
        Constraint => DbErrorKind.Constraint,
        CantOpen or IoError => DbErrorKind.Unreachable,
        ReadOnly => DbErrorKind.ReadOnlyViolation,
        _ => DbErrorKind.Other,
    };
}
