using Microsoft.Data.SqlClient;

namespace Onprest.Agent.Databases.SqlServer;

/// <summary>
/// docs/agent-databases.md/ for SQL Server, by error number of every error in the exception; arithmetic overflow while
/// converting a value (8115, 220, 232) and date overflow (517) are values outside their type.
/// </summary>
public static class SqlServerErrorClassifier
{
    private static readonly HashSet<int> ConstraintNumbers = [2627, 2601, 547, 515];
    private static readonly HashSet<int> UnreachableNumbers = [53, 64, 233, 10053, 10054, 10060, 10061, 11001];
    private static readonly HashSet<int> OutOfRangeNumbers = [8115, 220, 232, 517];

    public static DbErrorInfo Classify(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SqlException sql)
            {
                var numbers = new List<int>();
                foreach (SqlError error in sql.Errors)
                {
                    numbers.Add(error.Number);
                }

                if (numbers.Count == 0)
                {
                    numbers.Add(sql.Number);
                }

                var kind = Classify(numbers);
                if (kind == DbErrorKind.Other && TransportFailures.IsTransport(exception))
                {
                    kind = DbErrorKind.Unreachable;
                }

                return new DbErrorInfo(kind, "error " + string.Join(",", numbers), TransportFailures.Describe(exception));
            }
        }

        var transport = TransportFailures.IsTransport(exception);
        return new DbErrorInfo(transport ? DbErrorKind.Unreachable : DbErrorKind.Other, transport ? "transport" : "client", TransportFailures.Describe(exception));
    }

    /// <summary>A constraint number anywhere wins; otherwise any unreachable number.</summary>
    public static DbErrorKind Classify(IEnumerable<int> numbers)
    {
        var list = numbers as IReadOnlyCollection<int> ?? [.. numbers];
        if (list.Any(ConstraintNumbers.Contains))
        {
            return DbErrorKind.Constraint;
        }

        if (list.Any(UnreachableNumbers.Contains))
        {
            return DbErrorKind.Unreachable;
        }

        return list.Any(OutOfRangeNumbers.Contains) ? DbErrorKind.OutOfRange : DbErrorKind.Other;
    }
}
