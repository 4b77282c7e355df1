namespace GreatModel;

/// <summary>
/// The requested backend cannot run on this machine (no device, no driver, a device ILGPU refuses).
/// <see cref="Backends.DeviceCatalog.List"/> says, per device, why.
/// </summary>
public sealed class BackendUnavailableException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="backend"/>, with <paramref name="reason"/> in words.</summary>
    public BackendUnavailableException(Backend backend, string reason)
        : base($"{Backends.BackendRegistry.Get(backend).Name}: {reason}")
    {
        Backend = backend;
        Reason = reason;
    }

    /// <summary>The backend that was asked for.</summary>
    public Backend Backend { get; }

    /// <summary>Why it cannot run, in words.</summary>
    public string Reason { get; }
}
