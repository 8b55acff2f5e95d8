using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Truora.Api.Tests.Faults;
using Truora.Api.Tests.Hosting;

namespace Truora.Api.Tests.Cluster;

/// <summary>
/// Silos that load a cluster certificate speak TLS to each other and admit only a silo that presents the same
/// certificate; a self-signed one, made here, is enough. Nodes in memory mode, joining the first one's silo port.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class SiloTlsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoSilosWithTheClusterCertificateFormAClusterAndAStrangerCannotJoin()
    {
        var directory = Directory.CreateTempSubdirectory("truora-tls-").FullName;
        var nodes = new List<NodeProcess>();
        try
        {
            var clusterCertificate = WriteSelfSigned(directory, "cluster");
            var otherCertificate = WriteSelfSigned(directory, "stranger");
            var cluster = $"tls-{Guid.NewGuid():N}";
            var first = NodeProcess.Start(Environment(cluster, clusterCertificate, primarySiloPort: null));
            nodes.Add(first);
            Assert.True(await first.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), Cancel), first.Output);

            var second = NodeProcess.Start(Environment(cluster, clusterCertificate, first.SiloPort));
            nodes.Add(second);
            Assert.True(await second.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), Cancel), second.Output);
            Assert.True(await first.WaitUntilItSeesAsync(2, TimeSpan.FromSeconds(30), Cancel), "The second silo did not join over TLS.");

            var stranger = NodeProcess.Start(Environment(cluster, otherCertificate, first.SiloPort));
            nodes.Add(stranger);
            Assert.False(await first.WaitUntilItSeesAsync(3, TimeSpan.FromSeconds(15), Cancel), "A silo with another certificate joined.");
            Assert.False(await stranger.WaitUntilReadyAsync(TimeSpan.FromSeconds(1), Cancel), "A silo with another certificate became ready.");
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            Directory.Delete(directory, recursive: true);
        }
    }

    private static Dictionary<string, string?> Environment(string cluster, string certificate, int? primarySiloPort) => new()
    {
        ["Orleans__ClusterId"] = cluster,
        ["Orleans__ServiceId"] = cluster,
        ["Truora__Cluster__PrimarySiloPort"] = primarySiloPort?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Truora__Cluster__Tls__CertificatePath"] = certificate,
        ["Truora__Cluster__Tls__CertificatePassword"] = "test-password",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    /// <summary>A self-signed certificate with its key, for server and client authentication, as a PKCS#12 file.</summary>
    private static string WriteSelfSigned(string directory, string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN=truora-{name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(directory, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, "test-password"));
        return path;
    }
}
