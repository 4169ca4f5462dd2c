using Dimo.Core.Crypto;

namespace Dimo.Core.Update
{
    /// <summary>
    /// Checks an app update before anything of it is kept: the manifest (<see cref="UpdateManifest"/>) must be
    /// signed (EIP-191 personal_sign of its exact bytes, 65 bytes r || s || v) by the release address the device
    /// trusts, be newer than the running app, and every .pe file must have the manifest's size and SHA-256. An
    /// update package on disk is a folder with <c>manifest.txt</c>, <c>manifest.sig</c> (0x and 130 hex digits)
    /// and the .pe files; <c>dimo update pack</c> builds one. Each refusal is an
    /// <see cref="UpdateRejectedException"/> with its <see cref="UpdateRejection"/>.
    /// </summary>
    public static class UpdatePackage
    {
        public const string ManifestFileName = "manifest.txt";
        public const string SignatureFileName = "manifest.sig";

        /// <summary>The signature of a manifest by the release key.</summary>
        public static byte[] Sign(PrivateKey releaseKey, byte[] manifest)
        {
            if (releaseKey == null || manifest == null)
            {
                throw new System.ArgumentNullException(releaseKey == null ? "releaseKey" : "manifest");
            }
            return releaseKey.SignPersonalMessage(manifest, 0, manifest.Length);
        }

        /// <summary>The manifest, once it is well formed, signed by <paramref name="releaseAddress"/> and newer than <paramref name="runningVersion"/>.</summary>
        public static UpdateManifest Verify(byte[] manifest, byte[] signature, byte[] releaseAddress, string runningVersion)
        {
            if (manifest == null || signature == null || releaseAddress == null)
            {
                throw new System.ArgumentNullException(manifest == null ? "manifest" : signature == null ? "signature" : "releaseAddress");
            }
            if (releaseAddress.Length != EthAddress.Length)
            {
                throw new System.ArgumentException("the release address is 20 bytes", "releaseAddress");
            }
            if (signature.Length != 65)
            {
                throw new UpdateRejectedException(UpdateRejection.MalformedSignature, "the signature is " + signature.Length + " bytes, not 65");
            }
            byte[] signer = new byte[EthAddress.Length];
            if (!new SignatureRecovery().TryRecoverAddress(Eip191.Hash(manifest, 0, manifest.Length), signature, 0, signer))
            {
                throw new UpdateRejectedException(UpdateRejection.MalformedSignature, "the signature is not a valid secp256k1 signature");
            }
            if (!SameBytes(signer, releaseAddress))
            {
                throw new UpdateRejectedException(UpdateRejection.WrongSigner,
                    "signed by " + EthAddress.ToChecksumString(signer) + ", not by the release key " + EthAddress.ToChecksumString(releaseAddress));
            }
            UpdateManifest parsed = UpdateManifest.Parse(manifest);
            if (!parsed.IsNewerThan(runningVersion))
            {
                throw new UpdateRejectedException(UpdateRejection.NotNewer, "version " + parsed.Version + " is not newer than the running " + runningVersion);
            }
            return parsed;
        }

        /// <summary>Checks one .pe file against a verified manifest.</summary>
        public static void CheckFile(UpdateManifest manifest, string name, byte[] content)
        {
            if (manifest == null || name == null || content == null)
            {
                throw new System.ArgumentNullException(manifest == null ? "manifest" : name == null ? "name" : "content");
            }
            int index = manifest.IndexOf(name);
            if (index < 0)
            {
                throw new UpdateRejectedException(UpdateRejection.FileMismatch, name + " is not in the manifest");
            }
            if (manifest.FileSize(index) != content.Length)
            {
                throw new UpdateRejectedException(UpdateRejection.FileMismatch, name + " is " + content.Length + " bytes; the manifest says " + manifest.FileSize(index));
            }
            if (!SameBytes(Sha256.Hash(content, 0, content.Length), manifest.FileSha256(index)))
            {
                throw new UpdateRejectedException(UpdateRejection.FileMismatch, name + " does not have the manifest's SHA-256");
            }
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }
            int difference = 0;
            for (int i = 0; i < a.Length; i++)
            {
                difference |= a[i] ^ b[i];
            }
            return difference == 0;
        }
    }
}
