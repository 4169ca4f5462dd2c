using System.Globalization;
using System.Text.RegularExpressions;
using Dimo.Core.Can;
using Dimo.Dbc.Model;

namespace Dimo.Dbc.Parsing;

/// <summary>
/// Parses DBC text as opendbc writes it: with or without the VERSION/NS_/BS_/BU_ header, statements in any
/// order, references (CM_, VAL_, SIG_VALTYPE_, BO_TX_BU_) resolved after the whole file is read. Sections
/// that carry nothing the decoder needs (attributes, signal groups, environment variables, …) are skipped
/// statement by statement; an unknown keyword is an error. Every error is a <see cref="DbcParseException"/>.
/// </summary>
public sealed partial class DbcParser
{
    /// <summary>Vector's pseudo-message that collects signals not assigned to any real message.</summary>
    private const string IndependentSignalsMessage = "VECTOR__INDEPENDENT_SIG_MSG";

    private static readonly HashSet<string> SkippedStatements = new(StringComparer.Ordinal)
    {
        "BA_DEF_", "BA_DEF_DEF_", "BA_", "BA_DEF_REL_", "BA_REL_", "BA_DEF_DEF_REL_", "BA_DEF_SGTYPE_",
        "BA_SGTYPE_", "SIG_GROUP_", "EV_", "ENVVAR_DATA_", "SGTYPE_", "SGTYPE_VAL_", "SIG_TYPE_REF_",
        "SIGTYPE_VALTYPE_", "CAT_DEF_", "CAT_", "FILTER", "EV_DATA_", "BU_SG_REL_", "BU_EV_REL_",
        "BU_BO_REL_", "NS_DESC_", "SIG_TYPE_REF_",
    };

    private static readonly HashSet<string> HandledStatements = new(StringComparer.Ordinal)
    {
        "VERSION", "NS_", "BS_", "BU_", "VAL_TABLE_", "BO_", "SG_", "BO_TX_BU_", "CM_", "VAL_",
        "SIG_VALTYPE_", "SG_MUL_VAL_",
    };

    private readonly string _fileName;
    private readonly List<DbcToken> _tokens;
    private readonly DbcFile _file;
    private readonly Dictionary<uint, DbcMessage> _messagesByKey = [];
    private readonly List<Action> _references = [];
    private DbcMessage? _currentMessage;
    private int _pos;

    private DbcParser(string text, string fileName)
    {
        _fileName = fileName;
        _tokens = DbcTokenizer.Tokenize(text, fileName);
        _file = new DbcFile { FileName = fileName };
    }

    public static DbcFile ParseFile(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    public static DbcFile Parse(string text, string fileName)
    {
        var parser = new DbcParser(text, fileName);
        parser.ParseStatements();
        foreach (var resolve in parser._references)
            resolve();
        return parser._file;
    }

    private DbcToken Current => _tokens[_pos];

    private void ParseStatements()
    {
        while (Current.Kind != DbcTokenKind.End)
        {
            var keyword = Current;
            if (keyword.Kind != DbcTokenKind.Identifier)
                throw Error(keyword, $"expected a keyword, found {keyword}");
            _pos++;
            switch (keyword.Text)
            {
                case "VERSION": _file.Version = ExpectString().Text; break;
                case "NS_": SkipNewSymbols(keyword); break;
                case "BS_": SkipRestOfLine(keyword); break;
                case "BU_": ParseNodes(keyword); break;
                case "VAL_TABLE_": ParseValueTable(); break;
                case "BO_": ParseMessage(keyword); break;
                case "SG_": ParseSignal(keyword); break;
                case "BO_TX_BU_": ParseTransmitters(keyword); break;
                case "CM_": ParseComment(keyword); break;
                case "VAL_": ParseValueDescriptions(keyword); break;
                case "SIG_VALTYPE_": ParseSignalValueType(keyword); break;
                case "SG_MUL_VAL_": ParseExtendedMultiplexing(keyword); break;
                default:
                    if (!SkippedStatements.Contains(keyword.Text))
                        throw Error(keyword, $"unknown keyword '{keyword.Text}'");
                    SkipStatement();
                    break;
            }
        }
    }

    // NS_ : followed by the list of new symbols, one per indented line.
    private void SkipNewSymbols(DbcToken keyword)
    {
        while (Current.Kind != DbcTokenKind.End && (Current.Line == keyword.Line || Current.Indented || !Current.StartsLine))
            _pos++;
    }

    private void SkipRestOfLine(DbcToken keyword)
    {
        while (Current.Kind != DbcTokenKind.End && Current.Line == keyword.Line)
            _pos++;
    }

    private void ParseNodes(DbcToken keyword)
    {
        Expect(':');
        while (Current.Kind == DbcTokenKind.Identifier && !StartsStatement(Current)
               && (Current.Line == keyword.Line || Current.Indented || !Current.StartsLine))
        {
            _file.Nodes.Add(Current.Text);
            _pos++;
        }
    }

    private void ParseValueTable()
    {
        var name = ExpectIdentifier();
        _file.ValueTables[name.Text] = ParseValuePairs();
        EndStatement();
    }

    private void ParseMessage(DbcToken keyword)
    {
        var idToken = Current;
        var (id, extended) = ParseMessageId();
        var name = ExpectIdentifier();
        Expect(':');
        int length = (int)ExpectInteger(0, 64, "message length");
        string? transmitter = null;
        if (Current.Kind == DbcTokenKind.Identifier && Current.Line == keyword.Line && !StartsStatement(Current))
        {
            transmitter = Current.Text;
            _pos++;
        }
        var message = new DbcMessage
        {
            Id = id, IsExtended = extended, Name = name.Text, Length = length, Transmitter = transmitter, Line = keyword.Line,
        };
        _currentMessage = message;
        if (name.Text == IndependentSignalsMessage)
            return;
        if (id > (extended ? DecoderTableFormat.ExtendedIdMask : 0x7FFu))
            throw Error(idToken, $"message id {idToken.Text} is out of range");
        uint key = Key(id, extended);
        if (_messagesByKey.TryGetValue(key, out var earlier))
            throw Error(idToken, $"message id {idToken.Text} is defined twice ({earlier.Name} on line {earlier.Line}, {name.Text})");
        _messagesByKey[key] = message;
        _file.Messages.Add(message);
    }

    private void ParseSignal(DbcToken keyword)
    {
        var message = _currentMessage ?? throw Error(keyword, "SG_ outside a message");
        var name = ExpectIdentifier();
        bool isMultiplexer = false;
        long? multiplexValue = null;
        if (Current.Kind == DbcTokenKind.Identifier)
        {
            var indicator = MultiplexIndicator().Match(Current.Text);
            if (!indicator.Success)
                throw Error(Current, $"invalid multiplex indicator '{Current.Text}'");
            isMultiplexer = indicator.Groups["multiplexer"].Success;
            if (indicator.Groups["value"].Success)
                multiplexValue = long.Parse(indicator.Groups["value"].Value, CultureInfo.InvariantCulture);
            _pos++;
        }
        Expect(':');
        int startBit = (int)ExpectInteger(0, 511, "start bit");
        Expect('|');
        int length = (int)ExpectInteger(1, 64, "signal length");
        Expect('@');
        long order = ExpectInteger(0, 1, "byte order");
        var signToken = Current;
        bool signed;
        if (signToken.IsPunctuation('-'))
            signed = true;
        else if (signToken.IsPunctuation('+'))
            signed = false;
        else
            throw Error(signToken, $"expected '+' or '-' for the sign, found {signToken}");
        _pos++;
        Expect('(');
        double factor = ExpectNumber();
        Expect(',');
        double offset = ExpectNumber();
        Expect(')');
        Expect('[');
        double minimum = ExpectNumber();
        Expect('|');
        double maximum = ExpectNumber();
        Expect(']');
        string unit = ExpectString().Text;
        var signal = new DbcSignal
        {
            Name = name.Text, StartBit = startBit, Length = length, IsBigEndian = order == 0, IsSigned = signed,
            Factor = factor, Offset = offset, Minimum = minimum, Maximum = maximum, Unit = unit,
            IsMultiplexer = isMultiplexer, MultiplexValue = multiplexValue, Line = keyword.Line,
        };
        while ((Current.Kind == DbcTokenKind.Identifier || Current.IsPunctuation(',')) && !Current.StartsLine)
        {
            if (Current.Kind == DbcTokenKind.Identifier)
                signal.Receivers.Add(Current.Text);
            _pos++;
        }
        if (message.FindSignal(name.Text) is { } twin)
            throw Error(name, $"signal {name.Text} is defined twice in {message.Name} (line {twin.Line})");
        message.Signals.Add(signal);
    }

    private void ParseTransmitters(DbcToken keyword)
    {
        var idToken = Current;
        var (id, extended) = ParseMessageId();
        Expect(':');
        var names = new List<string>();
        while (Current.Kind == DbcTokenKind.Identifier && !StartsStatement(Current) || Current.IsPunctuation(','))
        {
            if (Current.Kind == DbcTokenKind.Identifier)
                names.Add(Current.Text);
            _pos++;
        }
        EndStatement();
        _references.Add(() => FindMessage(idToken, id, extended)?.Transmitters.AddRange(names));
    }

    private void ParseComment(DbcToken keyword)
    {
        var target = Current;
        if (target.Kind == DbcTokenKind.String)
        {
            _pos++;
            _file.Comments.Add(target.Text);
        }
        else if (target.Is(DbcTokenKind.Identifier, "BU_") || target.Is(DbcTokenKind.Identifier, "EV_"))
        {
            _pos++;
            ExpectIdentifier();
            ExpectString();
        }
        else if (target.Is(DbcTokenKind.Identifier, "BO_") || target.Kind == DbcTokenKind.Number)
        {
            if (target.Kind == DbcTokenKind.Identifier)
                _pos++;
            var idToken = Current;
            var (id, extended) = ParseMessageId();
            string text = ExpectString().Text;
            _references.Add(() =>
            {
                if (FindMessage(idToken, id, extended) is { } message)
                    message.Comment = text;
            });
        }
        else if (target.Is(DbcTokenKind.Identifier, "SG_"))
        {
            _pos++;
            var idToken = Current;
            var (id, extended) = ParseMessageId();
            if (Current.Kind == DbcTokenKind.String)
            {
                // opendbc writes `CM_ SG_ 304 "…";` for a comment on the message's signals as a whole.
                string text = ExpectString().Text;
                _references.Add(() =>
                {
                    if (FindMessage(idToken, id, extended) is { } message)
                        message.Comment ??= text;
                });
            }
            else
            {
                var signalName = ExpectIdentifier();
                string text = ExpectString().Text;
                _references.Add(() =>
                {
                    if (FindSignal(idToken, id, extended, signalName) is { } signal)
                        signal.Comment = text;
                });
            }
        }
        else
        {
            throw Error(target, $"unexpected {target} after CM_");
        }
        EndStatement();
    }

    private void ParseValueDescriptions(DbcToken keyword)
    {
        if (Current.Kind == DbcTokenKind.Identifier)
        {
            // Value descriptions of an environment variable: nothing the decoder uses.
            _pos++;
            ParseValuePairs();
            EndStatement();
            return;
        }
        var idToken = Current;
        var (id, extended) = ParseMessageId();
        var signalName = ExpectIdentifier();
        var choices = ParseValuePairs();
        EndStatement();
        _references.Add(() =>
        {
            if (FindSignal(idToken, id, extended, signalName) is { } signal)
                signal.Choices = choices;
        });
    }

    private void ParseSignalValueType(DbcToken keyword)
    {
        var idToken = Current;
        var (id, extended) = ParseMessageId();
        var signalName = ExpectIdentifier();
        if (Current.IsPunctuation(':'))
            _pos++;
        var typeToken = Current;
        var type = (SignalValueType)ExpectInteger(0, 2, "signal value type");
        EndStatement();
        _references.Add(() =>
        {
            var signal = FindSignal(idToken, id, extended, signalName);
            if (signal == null)
                return;
            int needed = type == SignalValueType.Float32 ? 32 : type == SignalValueType.Float64 ? 64 : signal.Length;
            if (signal.Length != needed)
                throw Error(typeToken, $"signal {signal.Name} is {signal.Length} bits, value type {(int)type} needs {needed}");
            signal.ValueType = type;
        });
    }

    private void ParseExtendedMultiplexing(DbcToken keyword)
    {
        var idToken = Current;
        var (id, extended) = ParseMessageId();
        SkipStatement();
        _references.Add(() =>
        {
            if (FindMessage(idToken, id, extended) is { } message)
                message.HasExtendedMultiplexing = true;
        });
    }

    private Dictionary<long, string> ParseValuePairs()
    {
        var pairs = new Dictionary<long, string>();
        while (Current.Kind == DbcTokenKind.Number)
        {
            var keyToken = Current;
            double key = ExpectNumber();
            if (key != Math.Floor(key) || Math.Abs(key) > 9.2e18)
                throw Error(keyToken, $"value description key {keyToken.Text} is not an integer");
            pairs[(long)key] = ExpectString().Text;
        }
        return pairs;
    }

    private (uint Id, bool Extended) ParseMessageId()
    {
        var token = Current;
        if (token.Kind != DbcTokenKind.Number || !ulong.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong raw) || raw > uint.MaxValue)
            throw Error(token, $"expected a message id, found {token}");
        _pos++;
        uint value = (uint)raw;
        if ((value & DecoderTableFormat.ExtendedFlag) != 0)
            return (value & ~DecoderTableFormat.ExtendedFlag, true);
        return (value, value > 0x7FF);
    }

    private static uint Key(uint id, bool extended) => extended ? id | DecoderTableFormat.ExtendedFlag : id;

    // Real files describe signals that no longer exist (opendbc has several); such a reference is kept as a
    // warning instead of failing the whole file, and the caller skips it.
    private DbcMessage? FindMessage(DbcToken at, uint id, bool extended)
    {
        if (_messagesByKey.TryGetValue(Key(id, extended), out var message))
            return message;
        Warn(at, $"reference to unknown message id {at.Text} ignored");
        return null;
    }

    private DbcSignal? FindSignal(DbcToken at, uint id, bool extended, DbcToken signalName)
    {
        var message = FindMessage(at, id, extended);
        if (message == null)
            return null;
        var signal = message.FindSignal(signalName.Text);
        if (signal == null)
            Warn(signalName, $"reference to unknown signal {message.Name}.{signalName.Text} ignored");
        return signal;
    }

    private void Warn(DbcToken at, string reason) => _file.Warnings.Add($"{_fileName}:{at.Line}: {reason}");

    /// <summary>
    /// Ends a statement at its ';'. A missing ';' is accepted only when the next statement starts on a new
    /// line (opendbc has a VAL_ without one).
    /// </summary>
    private void EndStatement()
    {
        if (Current.IsPunctuation(';'))
        {
            _pos++;
            return;
        }
        if (Current.Kind == DbcTokenKind.End || StartsStatement(Current))
            return;
        throw Error(Current, $"expected ';', found {Current}");
    }

    private void SkipStatement()
    {
        while (Current.Kind != DbcTokenKind.End && !StartsStatement(Current))
        {
            bool end = Current.IsPunctuation(';');
            _pos++;
            if (end)
                return;
        }
    }

    private static bool StartsStatement(DbcToken token) =>
        token.Kind == DbcTokenKind.Identifier && token.StartsLine
        && (HandledStatements.Contains(token.Text) || SkippedStatements.Contains(token.Text));

    private void Expect(char punctuation)
    {
        if (!Current.IsPunctuation(punctuation))
            throw Error(Current, $"expected '{punctuation}', found {Current}");
        _pos++;
    }

    private DbcToken ExpectIdentifier()
    {
        var token = Current;
        if (token.Kind != DbcTokenKind.Identifier)
            throw Error(token, $"expected a name, found {token}");
        _pos++;
        return token;
    }

    private DbcToken ExpectString()
    {
        var token = Current;
        if (token.Kind != DbcTokenKind.String)
            throw Error(token, $"expected a string, found {token}");
        _pos++;
        return token;
    }

    private double ExpectNumber()
    {
        var token = Current;
        if (token.Kind != DbcTokenKind.Number
            || !double.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw Error(token, $"expected a number, found {token}");
        _pos++;
        return value;
    }

    private long ExpectInteger(long min, long max, string what)
    {
        var token = Current;
        if (token.Kind != DbcTokenKind.Number
            || !long.TryParse(token.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            throw Error(token, $"expected an integer {what}, found {token}");
        if (value < min || value > max)
            throw Error(token, $"{what} {value} is outside {min}..{max}");
        _pos++;
        return value;
    }

    private DbcParseException Error(DbcToken at, string reason) => new(_fileName, at.Line, reason);

    [GeneratedRegex("^(?:(?<multiplexer>M)|m(?<value>[0-9]+)(?<multiplexer>M)?)$")]
    private static partial Regex MultiplexIndicator();
}
