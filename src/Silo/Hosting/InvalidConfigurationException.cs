namespace Truora.Silo.Hosting;

/// <summary>A setting that makes the node unable to start; the message names the setting.</summary>
public sealed class InvalidConfigurationException(string message) : Exception(message);
