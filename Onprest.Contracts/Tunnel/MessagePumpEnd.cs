namespace Onprest.Contracts.Tunnel;

/// <summary>Why <see cref="MessagePump.ReadAsync"/> stopped reading.</summary>
public enum MessagePumpEnd
{
    /// <summary>The peer sent a close frame (not yet answered).</summary>
    PeerClosed,

    /// <summary>A binary message: a protocol error, the receiver closes the connection.</summary>
    Binary,

    /// <summary>A message over <see cref="TunnelProtocol.MaxMessageBytes"/> after reassembly.</summary>
    TooLarge,

    /// <summary>The message handler asked to stop.</summary>
    Stopped,
}
