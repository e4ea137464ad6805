using System.Reflection;

namespace Onprest.Contracts;

/// <summary>The build version, from <c>OnprestVersion</c> in Directory.Build.props (<c>dev</c> unless set at build time).</summary>
public static class BuildInfo
{
    public static string Version { get; } =
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";
}
