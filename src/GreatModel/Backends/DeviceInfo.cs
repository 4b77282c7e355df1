namespace GreatModel.Backends;

/// <summary>One device a backend could run on, and whether it can (a row of `greatmodel devices`).</summary>
/// <param name="Backend">The backend this row is for.</param>
/// <param name="Device">The device's name, or a description of the host for CPU backends; null when none was found.</param>
/// <param name="MemoryBytes">Device memory in bytes; null for the host.</param>
/// <param name="WarpSize">Threads per warp; null where it means nothing.</param>
/// <param name="Usable">Whether the backend can run on it.</param>
/// <param name="Detail">Why not, when it cannot; else how it would run.</param>
public sealed record DeviceInfo(Backend Backend, string? Device, long? MemoryBytes, int? WarpSize, bool Usable, string Detail);
