using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Truora.Silo.Hosting;

/// <summary>
/// Optional TLS between silos (Orleans' Microsoft.Orleans.Connections.Security): every node of a cluster loads the
/// same certificate (<c>Truora:Cluster:Tls:CertificatePath</c>, a PKCS#12 file with its private key, and
/// <c>CertificatePassword</c>), presents it, and accepts a peer only if it presents that very certificate. A
/// self-signed one is enough: trust is the pinned certificate, not a chain, so no CA is needed to run a cluster.
/// </summary>
public static class ClusterTls
{
    public const string CertificatePathSetting = "Truora:Cluster:Tls:CertificatePath";
    public const string CertificatePasswordSetting = "Truora:Cluster:Tls:CertificatePassword";

    public static ISiloBuilder UseTruoraClusterTls(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (configuration[CertificatePathSetting] is not { Length: > 0 } path)
        {
            return silo;
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[CertificatePasswordSetting]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidConfigurationException($"{CertificatePathSetting} (Truora__Cluster__Tls__CertificatePath): cannot load '{path}': {ex.Message}");
        }

        if (!certificate.HasPrivateKey)
        {
            throw new InvalidConfigurationException($"{CertificatePathSetting} (Truora__Cluster__Tls__CertificatePath): '{path}' holds no private key.");
        }

        return silo.UseTls(certificate, options =>
        {
            options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.RemoteCertificateValidation = (remote, _, _) =>
                remote.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span);
        });
    }
}
