namespace Dimo.Core.Update
{
    /// <summary>Why an app update was refused.</summary>
    public enum UpdateRejection
    {
        /// <summary>The manifest is not in the format (header, version, file lines).</summary>
        MalformedManifest,

        /// <summary>The signature is not a valid secp256k1 signature.</summary>
        MalformedSignature,

        /// <summary>The signature is valid but was made by another key than the release key.</summary>
        WrongSigner,

        /// <summary>A .pe file's size or SHA-256 differs from the manifest's, or the manifest does not list it.</summary>
        FileMismatch,

        /// <summary>The update's version is not newer than the running app's (no downgrade, no replay).</summary>
        NotNewer,
    }
}
