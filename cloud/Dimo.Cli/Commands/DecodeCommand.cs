using System.CommandLine;
using System.Globalization;
using System.Text;
using Dimo.Core.Can;
using Dimo.Dbc;
using Dimo.Dbc.Candump;
using Dimo.Dbc.Compilation;
using Dimo.Dbc.Parsing;

namespace Dimo.Cli.Commands;

/// <summary>
/// <c>dimo decode --dbc FILE.dbc --candump FILE.log</c>: decodes every frame of a candump log with every
/// message and signal of a DBC and prints one JSON object per decoded frame:
/// <c>{"t":&lt;timestamp or null&gt;,"id":&lt;id&gt;,"msg":"&lt;name&gt;","signals":{"&lt;signal&gt;":&lt;physical&gt;,…}}</c>.
/// Unknown ids, frames shorter than their message and unreadable lines are skipped and counted; the
/// counts go to stderr. Exit 0 even when frames were skipped, 1 when the DBC or log cannot be read or the log holds
/// no CAN frame at all (not a candump log).
/// </summary>
public static class DecodeCommand
{
    public static Command Create()
    {
        var dbcOption = new Option<FileInfo>("--dbc") { Description = "DBC file whose messages and signals to decode", Required = true };
        var candumpOption = new Option<FileInfo>("--candump") { Description = "candump log (candump -l or default format)", Required = true };
        var command = new Command("decode", "Decode a candump log with a DBC file into JSON lines") { dbcOption, candumpOption };
        command.SetAction(parsed => Run(parsed.GetValue(dbcOption)!, parsed.GetValue(candumpOption)!,
            parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(FileInfo dbcFile, FileInfo candumpFile, TextWriter output, TextWriter errors)
    {
        var decoder = new FrameDecoder(LoadTable(dbcFile, errors));
        var table = decoder.Table;
        var result = decoder.CreateResult();
        var frame = new CanFrame();
        var line = new StringBuilder();
        long decoded = 0, unknown = 0, tooShort = 0, malformed = 0;

        foreach (var text in ReadLines(candumpFile))
        {
            if (string.IsNullOrWhiteSpace(text))
                continue;
            if (!CandumpLine.TryParse(text, frame, out string? timestamp))
            {
                malformed++;
                continue;
            }
            switch (decoder.Decode(frame, result))
            {
                case DecodeOutcome.UnknownId:
                    unknown++;
                    continue;
                case DecodeOutcome.TooShort:
                    tooShort++;
                    continue;
            }
            decoded++;
            line.Clear();
            line.Append("{\"t\":").Append(timestamp ?? "null");
            line.Append(",\"id\":").Append(frame.Id.ToString(CultureInfo.InvariantCulture));
            line.Append(",\"msg\":");
            AppendString(line, table.MessageName(result.MessageIndex));
            line.Append(",\"signals\":{");
            for (int i = 0; i < result.Count; i++)
            {
                if (i > 0)
                    line.Append(',');
                AppendString(line, table.SignalName(result.SignalIndexes[i]));
                line.Append(':');
                AppendNumber(line, result.Values[i]);
            }
            line.Append("}}");
            output.WriteLine(line);
        }
        output.Flush();
        if (malformed > 0 && decoded + unknown + tooShort == 0)
            throw new CliException($"--candump {candumpFile.FullName}: none of its {malformed} lines is a CAN frame; "
                                   + "give a candump log (lines like \"(1600000000.000000) can0 123#DEADBEEF\", as candump -l writes)");
        errors.WriteLine($"decoded {decoded}, unknown {unknown}, short {tooShort}, malformed {malformed}");
        return CliRunner.Success;
    }

    private static DecoderTable LoadTable(FileInfo dbcFile, TextWriter errors)
    {
        try
        {
            var compiled = DecoderTableCompiler.CompileAll(DbcParser.ParseFile(dbcFile.FullName));
            foreach (var reason in compiled.SkippedMessages)
                errors.WriteLine($"{dbcFile.Name}: skipped: {reason}");
            return DecoderTable.Load(compiled.Bytes);
        }
        catch (DbcParseException e)
        {
            throw new CliException(e.Message);
        }
        catch (DecoderTableCompileException e)
        {
            throw new CliException($"{dbcFile.Name}: {e.Message}");
        }
        catch (IOException e)
        {
            throw new CliException($"cannot read {dbcFile.FullName}: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CliException($"cannot read {dbcFile.FullName}: {e.Message}");
        }
    }

    private static IEnumerable<string> ReadLines(FileInfo file)
    {
        StreamReader reader;
        try
        {
            reader = new StreamReader(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read {file.FullName}: {e.Message}");
        }
        using (reader)
        {
            while (true)
            {
                string? text;
                try
                {
                    text = reader.ReadLine();
                }
                catch (IOException e)
                {
                    throw new CliException($"cannot read {file.FullName}: {e.Message}");
                }
                if (text == null)
                    yield break;
                yield return text;
            }
        }
    }

    private static void AppendNumber(StringBuilder line, double value)
    {
        if (double.IsFinite(value))
            line.Append(value.ToString("R", CultureInfo.InvariantCulture));
        else
            line.Append("null");
    }

    private static void AppendString(StringBuilder line, string? text)
    {
        line.Append('"');
        foreach (char c in text ?? "")
        {
            if (c == '"' || c == '\\')
                line.Append('\\').Append(c);
            else if (c < ' ')
                line.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else
                line.Append(c);
        }
        line.Append('"');
    }
}
