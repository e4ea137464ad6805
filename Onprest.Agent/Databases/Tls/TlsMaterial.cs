using System.Security.Cryptography.X509Certificates;
using Onprest.Agent.Capabilities;

namespace Onprest.Agent.Databases.Tls;

/// <summary>
/// The TLS files of <c>database.tls</c>, read when the database is opened (docs/capability-yaml.md). Failures are
/// <see cref="DatabaseOpenException"/>s carrying the spec's internal texts.
/// </summary>
public sealed record TlsMaterial(X509Certificate2Collection? CaCertificates, X509Certificate2? ClientCertificate)
{
    public static TlsMaterial Load(TlsSettings tls)
    {
        X509Certificate2Collection? anchors = null;
        if (tls.Mode != TlsMode.Disable && tls.CaFile.Length > 0)
        {
            anchors = [];
            try
            {
                anchors.ImportFromPemFile(tls.CaFile);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
            {
                throw new DatabaseOpenException($"read database TLS CA: {ex.Message}", ex);
            }

            if (anchors.Count == 0)
            {
                throw new DatabaseOpenException("database.tls.ca_file contains no certificates");
            }
        }

        X509Certificate2? client = null;
        if (tls.Mode != TlsMode.Disable && tls.CertFile.Length > 0)
        {
            try
            {
                using var pem = X509Certificate2.CreateFromPemFile(tls.CertFile, tls.KeyFile);
                // Keys loaded from PEM are ephemeral; a PKCS#12 round trip gives SslStream a key it can use on every platform.
                client = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
            {
                throw new DatabaseOpenException($"load database TLS client certificate: {ex.Message}", ex);
            }
        }

        return new TlsMaterial(anchors, client);
    }
}
