using System.CommandLine;
using System.Text.Json;
using Dimo.Cli.Keys;
using Dimo.Core.Crypto;
using Dimo.Core.Update;

namespace Dimo.Cli.Commands;

/// <summary>
/// <c>dimo update pack</c>: an app update for the dongle from the app's .pe files: a folder with the files, the
/// manifest (<see cref="UpdateManifest"/>: version, size and SHA-256 of each) and its signature by the release key.
/// <c>dimo update verify</c>: the dongle's own check (<see cref="UpdatePackage"/>) run on such a folder, before it is
/// deployed with nanoff (firmware/README.md).
/// </summary>
public static class UpdateCommand
{
    public static Command Create()
    {
        var command = new Command("update", "Build and check signed app updates for the dongle");
        command.Subcommands.Add(CreatePack());
        command.Subcommands.Add(CreateVerify());
        return command;
    }

    private static Command CreatePack()
    {
        var files = new Argument<FileInfo[]>("FILE.pe") { Description = "the app's .pe files (the build's bin/Release/*.pe)", Arity = ArgumentArity.OneOrMore };
        var version = new Option<string>("--version") { Description = "the update's version, major.minor.patch; the dongle takes only a newer one", Required = true };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "the folder to create with manifest.txt, manifest.sig and the .pe files", Required = true };
        var keyOptions = new SigningKeyOptions();
        var command = new Command("pack", "Sign an app update: prints {\"version\",\"signer\",\"files\",\"out\"}") { files, version, outDir };
        keyOptions.AddTo(command);
        command.SetAction(parsed =>
        {
            var key = keyOptions.Resolve(parsed);
            var sources = parsed.GetValue(files)!;
            var target = parsed.GetValue(outDir)!;
            var names = sources.Select(f => f.Name).ToArray();
            var contents = sources.Select(ReadPe).ToArray();
            byte[] manifest;
            try
            {
                manifest = UpdateManifest.Write(parsed.GetValue(version)!, names, contents);
            }
            catch (ArgumentException e)
            {
                throw new CliException($"cannot pack: {e.Message.Split(" (Parameter")[0]}");
            }
            if (target.Exists && target.EnumerateFileSystemInfos().Any())
                throw new CliException($"--out {target.FullName} exists and is not empty: give a new folder");
            target.Create();
            for (int i = 0; i < names.Length; i++)
                File.WriteAllBytes(Path.Combine(target.FullName, names[i]), contents[i]);
            File.WriteAllBytes(Path.Combine(target.FullName, UpdatePackage.ManifestFileName), manifest);
            File.WriteAllText(Path.Combine(target.FullName, UpdatePackage.SignatureFileName), "0x" + Hex.Encode(UpdatePackage.Sign(key, manifest)) + "\n");
            parsed.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(new
            {
                version = parsed.GetValue(version),
                signer = key.ChecksumAddress,
                files = names,
                @out = target.FullName,
            }));
            return CliRunner.Success;
        });
        return command;
    }

    private static Command CreateVerify()
    {
        var folder = new Argument<DirectoryInfo>("FOLDER") { Description = "an update folder made by dimo update pack" };
        var release = new Option<string>("--release-address") { Description = "the release key's address the dongle trusts (0x…)", Required = true };
        var running = new Option<string>("--running-version") { Description = "the version the dongle runs now; the update must be newer", DefaultValueFactory = _ => "0.0.0" };
        var command = new Command("verify", "Check an update folder as the dongle does: signer, version, every .pe file's size and SHA-256") { folder, release, running };
        command.SetAction(parsed =>
        {
            var dir = parsed.GetValue(folder)!;
            byte[] releaseAddress;
            try
            {
                releaseAddress = EthAddress.Parse(parsed.GetValue(release)!);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new CliException("--release-address: not an address (expected 0x and 40 hex digits)", CliRunner.UsageError);
            }
            byte[] manifest = ReadFromFolder(dir, UpdatePackage.ManifestFileName);
            byte[] signature = ParseSignature(System.Text.Encoding.ASCII.GetString(ReadFromFolder(dir, UpdatePackage.SignatureFileName)));
            try
            {
                var verified = UpdatePackage.Verify(manifest, signature, releaseAddress, parsed.GetValue(running)!);
                var listed = Enumerable.Range(0, verified.FileCount).Select(verified.FileName).ToHashSet(StringComparer.Ordinal);
                foreach (var extra in dir.EnumerateFiles("*.pe").Where(f => !listed.Contains(f.Name)))
                    throw new UpdateRejectedException(UpdateRejection.FileMismatch, extra.Name + " is in the folder but not in the manifest");
                foreach (var name in listed)
                {
                    var path = Path.Combine(dir.FullName, name);
                    if (!File.Exists(path))
                        throw new UpdateRejectedException(UpdateRejection.FileMismatch, name + " is in the manifest but not in the folder");
                    UpdatePackage.CheckFile(verified, name, File.ReadAllBytes(path));
                }
                parsed.InvocationConfiguration.Output.WriteLine(
                    $"ok: version {verified.Version}, {verified.FileCount} file(s), signed by {EthAddress.ToChecksumString(releaseAddress)}");
                return CliRunner.Success;
            }
            catch (UpdateRejectedException e)
            {
                throw new CliException($"{dir.FullName}: refused ({e.Reason}): {e.Message}");
            }
        });
        return command;
    }

    private static byte[] ReadPe(FileInfo file)
    {
        if (!file.Name.EndsWith(".pe", StringComparison.Ordinal))
            throw new CliException($"{file.FullName}: not a .pe file (nanoFramework deploys the build's .pe assemblies)");
        try
        {
            return File.ReadAllBytes(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read {file.FullName}: {e.Message}");
        }
    }

    private static byte[] ReadFromFolder(DirectoryInfo dir, string name)
    {
        var path = Path.Combine(dir.FullName, name);
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read {path}: is {dir.FullName} an update folder made by dimo update pack?");
        }
    }

    private static byte[] ParseSignature(string text)
    {
        var trimmed = text.Trim();
        var digits = trimmed.StartsWith("0x", StringComparison.Ordinal) ? trimmed[2..] : trimmed;
        if (digits.Length != 130 || !digits.All(Uri.IsHexDigit))
            throw new CliException($"{UpdatePackage.SignatureFileName}: not a signature (expected 0x and 130 hex digits)");
        return Convert.FromHexString(digits);
    }
}
