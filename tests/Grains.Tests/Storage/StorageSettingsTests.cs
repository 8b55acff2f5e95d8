using Microsoft.Extensions.Configuration;
using Npgsql;
using Truora.Silo.Storage;

namespace Truora.Grains.Tests.Storage;

public sealed class StorageSettingsTests
{
    [Fact]
    public void APostgresConnectionStringGetsNoResetOnCloseAutoPrepareAndASmallPoolUnlessItChoosesOtherwise()
    {
        var settings = Read("Host=db.internal;Database=truora;Username=truora");

        var connection = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        Assert.True(connection.NoResetOnClose);
        Assert.Equal(20, connection.MaxAutoPrepare);
        Assert.Equal(PostgresDefaults.PoolSize, connection.MaxPoolSize);
        Assert.Equal("db.internal", connection.Host);
        Assert.Equal("truora", connection.Database);
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=0;Maximum Pool Size=100")]
    [InlineData("Host=db;noresetonclose=false;MAXAUTOPREPARE=0;maxpoolsize=100")]
    public void WhatTheConnectionStringSaysIsKept(string given)
    {
        var connection = new NpgsqlConnectionStringBuilder(Read(given).ConnectionString);

        Assert.False(connection.NoResetOnClose);
        Assert.Equal(0, connection.MaxAutoPrepare);
        Assert.Equal(100, connection.MaxPoolSize);
    }

    [Fact]
    public void ASqlServerConnectionStringIsLeftAsGiven()
    {
        const string Given = "Server=db;Database=truora;Encrypt=false";

        Assert.Equal(Given, Read(Given, "SqlServer").ConnectionString);
    }

    private static StorageSettings Read(string connectionString, string kind = "Postgres") =>
        StorageSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageSettings.KindKey] = kind,
            ["ConnectionStrings:" + StorageSettings.ConnectionStringName] = connectionString,
        }).Build());
}
