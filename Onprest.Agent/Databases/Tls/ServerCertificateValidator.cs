using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Onprest.Agent.Capabilities;

namespace Onprest.Agent.Databases.Tls;

/// <summary>
/// Server certificate checks of docs/capability-yaml.md, done by the agent itself so every engine gets the same
/// semantics: <c>require</c> accepts any certificate (the connection is still encrypted), <c>verify-ca</c> checks the
/// chain against <c>ca_file</c> (or the OS store), <c>verify-full</c> also checks the host name against
/// <c>server_name</c> (or <c>host</c>). Revocation is not checked: database hosts are often offline from CRL/OCSP.
/// </summary>
public sealed class ServerCertificateValidator
{
    private readonly TlsMode _mode;
    private readonly X509Certificate2Collection? _anchors;
    private readonly string _expectedHost;

    public ServerCertificateValidator(TlsMode mode, X509Certificate2Collection? anchors, string expectedHost)
    {
        _mode = mode;
        _anchors = anchors;
        _expectedHost = expectedHost;
    }

    public static ServerCertificateValidator For(DatabaseSettings settings, TlsMaterial material) =>
        new(settings.Tls.Mode, material.CaCertificates, settings.Tls.ServerName.Length > 0 ? settings.Tls.ServerName : settings.Host);

    public bool Validate(object? sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        Validate(certificate);

    public bool Validate(X509Certificate? certificate)
    {
        if (_mode == TlsMode.Require)
        {
            return true;
        }

        if (_mode == TlsMode.Disable || certificate is null)
        {
            return false;
        }

        using var server = certificate as X509Certificate2 is { } typed ? X509CertificateLoader.LoadCertificate(typed.RawData) : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (_anchors is not null)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(_anchors);
        }

        if (!chain.Build(server))
        {
            return false;
        }

        return _mode != TlsMode.VerifyFull || server.MatchesHostname(_expectedHost);
    }
}
