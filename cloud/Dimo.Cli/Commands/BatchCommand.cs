using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dimo.Cli.Batches;
using Dimo.Cli.Keys;
using Dimo.Core.Crypto;
using Dimo.Core.Wire;
using Dimo.Verification.Recovery;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dimo.Cli.Commands;

/// <summary>
/// <c>dimo batch sign</c>: readings JSON → one signed wire batch (shared/docs/wire-format.md) as a 0x-hex line.
/// <c>dimo batch inspect</c>: a wire batch → its signer (recovered by the cloud verifier), body, signature, seq,
/// boot and readings as JSON. Malformed batches and signatures that recover no signer exit 1, and so does a signer other
/// than <c>--expect-signer</c>.
/// </summary>
public static class BatchCommand
{
    public static Command Create()
    {
        var command = new Command("batch", "Sign and inspect signed batches of readings");
        command.Subcommands.Add(CreateSign());
        command.Subcommands.Add(CreateInspect());
        return command;
    }

    private static Command CreateSign()
    {
        var keyOptions = new SigningKeyOptions();
        var readingsFile = new Option<FileInfo>("--readings")
        {
            Description = "JSON array of {\"timestamp\":<unix ms>,\"name\":\"<signal>\",\"value\":<number or text>}",
            Required = true,
        };
        var seq = new Option<uint>("--seq") { Description = "batch sequence number", DefaultValueFactory = _ => 0 };
        var boot = new Option<uint>("--boot") { Description = "boot id of the device", DefaultValueFactory = _ => 0 };
        var command = new Command("sign", "Encode readings as a batch body and sign it (EIP-191); prints the wire batch as 0x hex")
        {
            readingsFile, seq, boot,
        };
        keyOptions.AddTo(command);
        command.SetAction(parsed =>
        {
            var readings = ReadingsJson.Parse(ReadText(parsed.GetValue(readingsFile)!));
            var key = keyOptions.Resolve(parsed);
            byte[] body;
            try
            {
                body = new BatchWriter().WriteBody(parsed.GetValue(boot), parsed.GetValue(seq), readings);
            }
            catch (BatchFormatException e)
            {
                throw new CliException("cannot encode the readings: " + e.Message);
            }
            parsed.InvocationConfiguration.Output.WriteLine("0x" + Hex.Encode(SignedBatch.Seal(body, key)));
            return CliRunner.Success;
        });
        return command;
    }

    private static Command CreateInspect()
    {
        var hex = new Option<string>("--hex") { Description = "the wire batch as hex (0x optional), or - to read it from stdin", Required = true };
        var expectSigner = new Option<string?>("--expect-signer")
        {
            Description = "the device address that must have signed the batch (0x and 40 hex digits); exit 1 when the signature recovers another",
        };
        var command = new Command("inspect", "Check a signed batch and print its signer, seq, boot and readings as JSON") { hex, expectSigner };
        command.SetAction(parsed =>
        {
            var expected = parsed.GetValue(expectSigner) is { } address ? ParseAddress(address) : null;
            var text = parsed.GetValue(hex)!;
            var wire = DecodeHex(text == "-" ? Console.In.ReadToEnd() : text);
            SignedBatch signed;
            Batch batch;
            try
            {
                signed = SignedBatch.Split(wire, 0, wire.Length);
                batch = new BatchReader().ReadBody(signed.Body, 0, signed.Body.Length);
            }
            catch (BatchFormatException e)
            {
                throw new CliException("malformed batch: " + e.Message);
            }
            var signer = RecoverSigner(signed);

            var output = new MemoryStream();
            using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                writer.WriteStartObject();
                writer.WriteString("signer", signer);
                // A corrupted signature usually still recovers, to a random address: only a comparison tells.
                writer.WriteString("signerCheck", expected == null
                    ? "recovered, not compared: pass --expect-signer ADDRESS to verify"
                    : MatchesSigner(expected, signer) ? "matches --expect-signer" : "differs from --expect-signer " + expected);
                writer.WriteString("body", "0x" + Hex.Encode(signed.Body));
                writer.WriteString("signature", "0x" + Hex.Encode(signed.Signature));
                writer.WriteNumber("seq", batch.Seq);
                writer.WriteNumber("boot", batch.BootId);
                writer.WritePropertyName("readings");
                ReadingsJson.Write(writer, batch.Readings);
                writer.WriteEndObject();
            }
            parsed.InvocationConfiguration.Output.WriteLine(System.Text.Encoding.UTF8.GetString(output.ToArray()));
            if (expected != null && !MatchesSigner(expected, signer))
                throw new CliException($"the batch's signature recovers {signer}, not --expect-signer {expected}: the body or signature was altered, "
                                       + "or another key signed it");
            return CliRunner.Success;
        });
        return command;
    }

    private static string RecoverSigner(SignedBatch signed)
    {
        var hash = Eip191.Hash(signed.Body, 0, signed.Body.Length);
        var address = new byte[SignaturePolicy.AddressLength];
        if (SignatureRecoveryFactory.Create(NullLogger.Instance).TryRecoverAddress(hash, signed.Signature, address))
            return EthAddress.ToChecksumString(address);
        var defect = SignaturePolicy.Check(hash, signed.Signature, out _);
        throw new CliException("the signature recovers no signer: " + (defect == SignatureDefect.None
            ? "r is not the x-coordinate of a curve point"
            : "signature defect " + defect));
    }

    private static bool MatchesSigner(string expected, string signer) => string.Equals(expected, signer, StringComparison.OrdinalIgnoreCase);

    private static string ParseAddress(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length != 42 || !trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || !trimmed[2..].All(Uri.IsHexDigit))
            throw new CliException("--expect-signer is not an address (0x and 40 hex digits): " + text, CliRunner.UsageError);
        return trimmed;
    }

    private static byte[] DecodeHex(string text)
    {
        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        try
        {
            return Hex.Decode(compact);
        }
        catch (FormatException e)
        {
            throw new CliException("--hex is not hex: " + e.Message);
        }
    }

    private static string ReadText(FileInfo file)
    {
        try
        {
            return File.ReadAllText(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read {file.FullName}: {e.Message}");
        }
    }
}
