namespace Dimo.Verification.TypedData;

/// <summary>One member of a struct type: its Solidity type (<c>uint256</c>, <c>address</c> or <c>string</c>) and name.</summary>
public sealed record Eip712Field(string Type, string Name);
