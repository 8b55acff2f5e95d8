using Microsoft.Extensions.DependencyInjection.Extensions;
using Truora.Grains.Access;

namespace Truora.Grains;

public static class TruoraGrainsSiloBuilderExtensions
{
    /// <summary>What every silo running Truora grains needs besides storage: the clock and the tenant guard.</summary>
    public static ISiloBuilder AddTruoraGrains(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        return silo.AddIncomingGrainCallFilter<TenantGuardFilter>();
    }
}
