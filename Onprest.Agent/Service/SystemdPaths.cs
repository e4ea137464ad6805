namespace Onprest.Agent.Service;

/// <summary>
/// Where the systemd manager reads and writes. <see cref="BootMarker"/> is the directory systemd creates when it
/// is the running init system (what <c>sd_booted()</c> checks).
/// </summary>
internal sealed record SystemdPaths(string UnitFile, string BootMarker)
{
    public static SystemdPaths Default { get; } =
        new($"/etc/systemd/system/{ServiceIdentity.Name}.service", "/run/systemd/system");
}
