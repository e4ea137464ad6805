namespace Onprest.Agent.Service;

/// <summary>A service operation that could not be done; <see cref="ServiceCommand"/> prints it and exits 1.</summary>
internal sealed class ServiceManagerException : Exception
{
    public ServiceManagerException(ServiceFailure failure, string reason)
        : base(reason)
    {
        Failure = failure;
    }

    public ServiceFailure Failure { get; }

    public static ServiceManagerException NotInstalled() =>
        new(ServiceFailure.NotInstalled, $"{ServiceIdentity.Name} is not installed");

    public static ServiceManagerException AlreadyInstalled() =>
        new(ServiceFailure.AlreadyInstalled, $"{ServiceIdentity.Name} is already installed");
}
