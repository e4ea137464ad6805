namespace Onprest.Gateway.Auth;

/// <summary>
/// <c>AddAuthentication</c> registers ASP.NET Core data protection (for cookie and remote sign-in schemes) with a
/// hosted service that loads the key ring at start-up, creating and writing a key file under <c>$HOME/.aspnet</c> on
/// a first start. Neither of the gateway's schemes (API keys, bearer tokens) protects anything with it: the key ring
/// was the largest single piece of start-up work (XML and cryptography code compiled before the first request,
/// docs/binaries.md) and the only file the gateway wrote. The services stay registered and would load lazily.
/// </summary>
public static class DataProtectionAtStart
{
    public static IServiceCollection SkipDataProtectionKeyRingAtStart(this IServiceCollection services)
    {
        var keyRingLoader = services.FirstOrDefault(service =>
            service.ServiceType == typeof(IHostedService)
            && service.ImplementationType?.FullName == "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService");
        if (keyRingLoader is not null)
        {
            services.Remove(keyRingLoader);
        }

        return services;
    }
}
