namespace Onprest.Agent.Databases;

/// <summary>
/// The database could not be opened (docs/agent-databases.md step 3; docs/cli.md <c>database_open</c>). The message is private
/// detail (file paths, TLS reasons such as <c>database.tls.ca_file contains no certificates</c>); never print it publicly.
/// </summary>
public sealed class DatabaseOpenException : Exception
{
    public DatabaseOpenException(string message)
        : base(message)
    {
    }

    public DatabaseOpenException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
