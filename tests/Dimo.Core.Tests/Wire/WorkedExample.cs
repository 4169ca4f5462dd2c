using Dimo.Core.Wire;

namespace Dimo.Core.Tests.Wire;

/// <summary>The small batch that shared/docs/wire-format.md encodes by hand, signed with private key 1.</summary>
internal static class WorkedExample
{
    public const string PrivateKeyHex = "0000000000000000000000000000000000000000000000000000000000000001";

    /// <summary>The address of private key 1, widely published (e.g. as the first Hardhat-style test vector).</summary>
    public const string Address = "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf";

    public const uint BootId = 3;

    public const uint Seq = 42;

    public const long Start = 1795262400000;

    public static Reading[] Readings() =>
    [
        new Reading(3, Start + 1010, 1725.0),
        new Reading(1, Start + 1003, 48.9),
        new Reading(46, Start + 500, "1HGCM82633A004352"),
        new Reading(1, Start, 48.3),
        new Reading(3, Start + 12, 1712.5),
    ];
}
