using System.Net.Sockets;
using Onprest.Agent.Databases;
using Onprest.Agent.Databases.MySql;
using Onprest.Agent.Databases.Postgres;
using Onprest.Agent.Databases.Sqlite;
using Onprest.Agent.Databases.SqlServer;

namespace Onprest.Agent.Tests.Databases;

public sealed class ErrorClassifierTests
{
    [Theory]
    [InlineData("23505", DbErrorKind.Constraint)]
    [InlineData("23503", DbErrorKind.Constraint)]
    [InlineData("23502", DbErrorKind.Constraint)]
    [InlineData("23514", DbErrorKind.Constraint)]
    [InlineData("23P01", DbErrorKind.Constraint)]
    [InlineData("23000", DbErrorKind.Constraint)]
    [InlineData("08006", DbErrorKind.Unreachable)]
    [InlineData("08001", DbErrorKind.Unreachable)]
    [InlineData("08P01", DbErrorKind.Unreachable)]
    [InlineData("57P01", DbErrorKind.Unreachable)]
    [InlineData("57P02", DbErrorKind.Unreachable)]
    [InlineData("57P03", DbErrorKind.Unreachable)]
    [InlineData("57P04", DbErrorKind.Other)]
    [InlineData("57014", DbErrorKind.Other)]
    [InlineData("42501", DbErrorKind.Other)]
    [InlineData("42601", DbErrorKind.Other)]
    [InlineData("40001", DbErrorKind.Other)]
    [InlineData("22P02", DbErrorKind.Other)]
    [InlineData("22003", DbErrorKind.OutOfRange)]
    [InlineData("22008", DbErrorKind.OutOfRange)]
    [InlineData("25006", DbErrorKind.ReadOnlyViolation)]
    [InlineData("XX000", DbErrorKind.Other)]
    public void Postgres_by_sqlstate(string sqlState, DbErrorKind expected)
    {
        Assert.Equal(expected, PostgresErrorClassifier.ClassifySqlState(sqlState));
    }

    [Theory]
    [InlineData(1062, "23000", DbErrorKind.Constraint)]
    [InlineData(1451, "23000", DbErrorKind.Constraint)]
    [InlineData(1452, "23000", DbErrorKind.Constraint)]
    [InlineData(1048, "23000", DbErrorKind.Constraint)]
    [InlineData(3819, "HY000", DbErrorKind.Constraint)]
    [InlineData(4025, "23000", DbErrorKind.Constraint)]
    [InlineData(1062, null, DbErrorKind.Constraint)]
    [InlineData(1053, "08S01", DbErrorKind.Unreachable)]
    [InlineData(2002, "HY000", DbErrorKind.Unreachable)]
    [InlineData(2003, "HY000", DbErrorKind.Unreachable)]
    [InlineData(2005, "HY000", DbErrorKind.Unreachable)]
    [InlineData(2006, "HY000", DbErrorKind.Unreachable)]
    [InlineData(2013, "HY000", DbErrorKind.Unreachable)]
    [InlineData(1042, null, DbErrorKind.Unreachable)]
    [InlineData(1142, "42000", DbErrorKind.Other)]
    [InlineData(1064, "42000", DbErrorKind.Other)]
    [InlineData(1317, "70100", DbErrorKind.Other)]
    [InlineData(1213, "40001", DbErrorKind.Other)]
    [InlineData(1264, "22003", DbErrorKind.OutOfRange)]
    [InlineData(1690, "22003", DbErrorKind.OutOfRange)]
    [InlineData(1441, "22008", DbErrorKind.OutOfRange)]
    [InlineData(1292, "22007", DbErrorKind.Other)]
    [InlineData(1792, "25006", DbErrorKind.ReadOnlyViolation)]
    public void MySql_by_number_and_sqlstate(int number, string? sqlState, DbErrorKind expected)
    {
        Assert.Equal(expected, MySqlErrorClassifier.Classify(number, sqlState));
    }

    [Theory]
    [InlineData(new[] { 2627 }, DbErrorKind.Constraint)]
    [InlineData(new[] { 2601 }, DbErrorKind.Constraint)]
    [InlineData(new[] { 547 }, DbErrorKind.Constraint)]
    [InlineData(new[] { 515 }, DbErrorKind.Constraint)]
    [InlineData(new[] { 3621, 2627 }, DbErrorKind.Constraint)]
    [InlineData(new[] { 53 }, DbErrorKind.Unreachable)]
    [InlineData(new[] { 64 }, DbErrorKind.Unreachable)]
    [InlineData(new[] { 233 }, DbErrorKind.Unreachable)]
    [InlineData(new[] { 10053 }, DbErrorKind.Unreachable)]
    [InlineData(new[] { 10054 }, DbErrorKind.Unreachable)]
    [InlineData(new[] { 10060 }, DbErrorKind.Unreachable)]
    [InlineData(new[] { 10061 }, DbErrorKind.Unreachable)]
    [InlineData(new[] { 11001 }, DbErrorKind.Unreachable)]
    [InlineData(new[] { 229 }, DbErrorKind.Other)]
    [InlineData(new[] { 8115 }, DbErrorKind.OutOfRange)]
    [InlineData(new[] { 220 }, DbErrorKind.OutOfRange)]
    [InlineData(new[] { 232 }, DbErrorKind.OutOfRange)]
    [InlineData(new[] { 517 }, DbErrorKind.OutOfRange)]
    [InlineData(new[] { 2627, 8115 }, DbErrorKind.Constraint)]
    [InlineData(new[] { 102 }, DbErrorKind.Other)]
    [InlineData(new[] { 1205 }, DbErrorKind.Other)]
    [InlineData(new int[0], DbErrorKind.Other)]
    public void SqlServer_by_error_number(int[] numbers, DbErrorKind expected)
    {
        Assert.Equal(expected, SqlServerErrorClassifier.Classify(numbers));
    }

    [Theory]
    [InlineData(19, DbErrorKind.Constraint)]
    [InlineData(1555, DbErrorKind.Constraint)]
    [InlineData(2067, DbErrorKind.Constraint)]
    [InlineData(787, DbErrorKind.Constraint)]
    [InlineData(1299, DbErrorKind.Constraint)]
    [InlineData(275, DbErrorKind.Constraint)]
    [InlineData(14, DbErrorKind.Unreachable)]
    [InlineData(10, DbErrorKind.Unreachable)]
    [InlineData(266, DbErrorKind.Unreachable)]
    [InlineData(3850, DbErrorKind.Unreachable)]
    [InlineData(5, DbErrorKind.Other)]
    [InlineData(6, DbErrorKind.Other)]
    [InlineData(261, DbErrorKind.Other)]
    [InlineData(8, DbErrorKind.ReadOnlyViolation)]
    [InlineData(1032, DbErrorKind.ReadOnlyViolation)]
    [InlineData(1, DbErrorKind.Other)]
    [InlineData(9, DbErrorKind.Other)]
    public void Sqlite_by_result_code(int code, DbErrorKind expected)
    {
        Assert.Equal(expected, SqliteErrorClassifier.ClassifyResultCode(code));
    }

    [Theory]
    [InlineData("Connection refused")]
    [InlineData("read: CONNECTION RESET by peer")]
    [InlineData("dial tcp: connection timed out")]
    [InlineData("lookup db: no such host")]
    [InlineData("driver: bad connection")]
    [InlineData("the server is not accepting clients")]
    [InlineData("FATAL: the database system is shutting down")]
    [InlineData("terminating connection due to administrator command")]
    [InlineData("Connection is closed")]
    [InlineData("unexpected EOF")]
    public void Fragments_mark_unreachable(string message)
    {
        Assert.True(TransportFailures.HasFragment(message));
        Assert.True(TransportFailures.IsTransport(new InvalidOperationException("outer", new InvalidOperationException(message))));
    }

    [Theory]
    [InlineData("syntax error at or near \"SELEC\"")]
    [InlineData("permission denied for table accounts")]
    [InlineData("connection")]
    [InlineData("")]
    public void Other_messages_are_not_unreachable(string message)
    {
        Assert.False(TransportFailures.HasFragment(message));
        Assert.False(TransportFailures.IsTransport(new InvalidOperationException(message)));
    }

    [Fact]
    public void Socket_and_io_failures_anywhere_in_the_chain_are_transport()
    {
        Assert.True(TransportFailures.IsTransport(new InvalidOperationException("x", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.True(TransportFailures.IsTransport(new InvalidOperationException("x", new EndOfStreamException())));
        Assert.True(TransportFailures.IsTransport(new AggregateException(new IOException("broken pipe"))));
    }

    [Fact]
    public void Classifiers_fall_back_to_transport_for_foreign_exceptions()
    {
        var refused = new InvalidOperationException("open failed", new SocketException((int)SocketError.ConnectionRefused));
        Assert.Equal(DbErrorKind.Unreachable, PostgresErrorClassifier.Classify(refused).Kind);
        Assert.Equal(DbErrorKind.Unreachable, MySqlErrorClassifier.Classify(refused).Kind);
        Assert.Equal(DbErrorKind.Unreachable, SqlServerErrorClassifier.Classify(refused).Kind);
        var other = new InvalidOperationException("something else");
        Assert.Equal(DbErrorKind.Other, PostgresErrorClassifier.Classify(other).Kind);
        Assert.Equal(DbErrorKind.Other, MySqlErrorClassifier.Classify(other).Kind);
        Assert.Equal(DbErrorKind.Other, SqlServerErrorClassifier.Classify(other).Kind);
        Assert.Equal(DbErrorKind.Other, SqliteErrorClassifier.Classify(other).Kind);
    }
}
