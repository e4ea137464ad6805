using System.Net.Sockets;

namespace Onprest.Agent.Databases;

/// <summary>
/// The engine-independent part of docs/agent-databases.md: transport failures found anywhere in the exception chain, and
/// the fixed list of message fragments (the only place message text is ever consulted).
/// </summary>
public static class TransportFailures
{
    /// <summary>, matched case-insensitively.</summary>
    public static readonly IReadOnlyList<string> Fragments =
    [
        "connection refused",
        "connection reset",
        "connection timed out",
        "no such host",
        "bad connection",
        "server is not accepting",
        "database system is shutting down",
        "terminating connection",
        "connection is closed",
        "unexpected eof",
    ];

    /// <summary>True for socket/I-O failures or a fragment anywhere in <paramref name="exception"/>'s chain.</summary>
    public static bool IsTransport(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SocketException or IOException or TimeoutException)
            {
                return true;
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(IsTransport))
            {
                return true;
            }

            if (HasFragment(current.Message))
            {
                return true;
            }
        }

        return false;
    }

    public static bool HasFragment(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return false;
        }

        foreach (var fragment in Fragments)
        {
            if (message.Contains(fragment, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The whole chain's messages, for the detail log.</summary>
    public static string Describe(Exception exception)
    {
        var parts = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            parts.Add($"{current.GetType().Name}: {current.Message}");
        }

        return string.Join(" ---> ", parts);
    }
}
