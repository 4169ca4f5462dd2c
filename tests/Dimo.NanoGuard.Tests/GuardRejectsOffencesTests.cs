using Dimo.NanoGuard.Tests.Guard;
using Dimo.NanoGuard.Tests.Snippets;

namespace Dimo.NanoGuard.Tests;

/// <summary>Proves the guard can fail: each snippet holds one offence the device cannot run, and the guard names it.</summary>
public class GuardRejectsOffencesTests
{
    private static readonly NanoSubsetGuard Guard = new(NanoApiList.LoadDefault());

    public static TheoryData<string, string, string> Offences => new()
    {
        {
            "List<int>",
            "public class C { public int M() { var list = new System.Collections.Generic.List<int>(); list.Add(1); return list.Count; } }",
            "generic type: System.Collections.Generic.List`1"
        },
        {
            "a generic method",
            "public class C { public static T Identity<T>(T value) { return value; } }",
            "generic method definition: C::Identity"
        },
        {
            "Func<int,int>",
            "public class C { public int M(int x) { System.Func<int, int> twice = v => v * 2; return twice(x); } }",
            "generic type: System.Func`2"
        },
        {
            "an async method",
            "public class C { public async System.Threading.Tasks.Task M() { await System.Threading.Tasks.Task.Yield(); } }",
            "async method: C::M"
        },
        {
            "an iterator",
            "public class C { public System.Collections.IEnumerable Numbers() { yield return 1; yield return 2; } }",
            "iterator method (yield): C::Numbers"
        },
        {
            "LINQ Enumerable.Select",
            "using System.Linq; public class C { public object M(int[] values) { return values.Select(v => v + 1); } }",
            "generic method instantiation: System.Linq.Enumerable::Select<System.Int32,System.Int32>"
        },
        {
            "string ==",
            "public class C { public bool M(string a, string b) { return a == b; } }",
            "member not in the nanoFramework API lists: static System.Boolean System.String::op_Equality(System.String,System.String)"
        },
        {
            "int?",
            "public class C { public int M(int? value) { return value ?? 0; } }",
            "generic type: System.Nullable`1"
        },
        {
            "string.Join",
            "public class C { public string M(string[] parts) { return string.Join(\",\", parts); } }",
            "member not in the nanoFramework API lists: static System.String System.String::Join(System.String,System.String[])"
        },
        {
            "Span<byte>",
            "public class C { public int M(byte[] data) { System.Span<byte> span = data; return span.Length; } }",
            "generic type: System.Span`1"
        },
        {
            "a default interface method",
            "public interface IShape { int Sides(); int Corners() { return Sides(); } }",
            "interface method with a body (default or static interface member): IShape::Corners"
        },
        {
            "a field-like event (the compiler makes it thread-safe with the generic Interlocked.CompareExchange)",
            "public delegate void Handler(); public class C { public event Handler Changed; }",
            "generic method instantiation: System.Threading.Interlocked::CompareExchange<Handler>"
        },
    };

    [Theory]
    [MemberData(nameof(Offences))]
    public void Guard_names_the_offence(string offence, string source, string expectedViolation)
    {
        using var image = SnippetCompiler.Compile(source);

        var violations = Guard.Check(image).Select(v => v.ToString()).ToList();

        Assert.True(violations.Contains(expectedViolation),
            $"{offence}: expected '{expectedViolation}' among:\n  " + string.Join("\n  ", violations));
    }

    [Fact]
    public void Guard_accepts_code_written_for_the_device()
    {
        const string source = @"
namespace Device
{
    public delegate void FrameHandler(byte[] data, int offset, int count);

    public enum Mode { Idle, Running }

    public struct Reading
    {
        public int SignalId;
        public long Value;
    }

    public sealed class Buffer : System.IDisposable
    {
        private readonly byte[] _data = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17 };
        private readonly System.Collections.ArrayList _items = new System.Collections.ArrayList();
        private readonly System.Collections.Hashtable _byName = new System.Collections.Hashtable();
        private FrameHandler _received;
        public Mode Mode { get; private set; }

        public int Count { get { return _items.Count; } }

        public string Describe(string name, Reading reading)
        {
            if (string.Equals(name, ""idle"")) { Mode = Mode.Idle; }
            var builder = new System.Text.StringBuilder();
            builder.Append(name).Append('=').Append(reading.Value);
            _byName[name] = reading.SignalId;
            foreach (object item in _items) { builder.Append(item.ToString()); }
            return builder.ToString() + System.Math.Max(1, _data.Length) + string.Format(""{0}"", new object[] { _data[0] });
        }

        public void Raise() { FrameHandler handler = _received; if (handler != null) { handler(_data, 0, _data.Length); } }

        public void OnReceived(FrameHandler handler) { _received = (FrameHandler)System.Delegate.Combine(_received, handler); }

        public void Dispose() { _items.Clear(); }
    }
}";
        using var image = SnippetCompiler.Compile(source);

        var violations = Guard.Check(image);

        Assert.True(violations.Count == 0, "unexpected:\n  " + string.Join("\n  ", violations));
    }
}
