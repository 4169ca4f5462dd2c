using System.Collections;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace Dimo.DeviceCost.Instrumentation;

/// <summary>
/// Rewrites a copy of Dimo.Core.dll so that it reports to <see cref="Probe"/>: each basic block, when entered, adds
/// its IL instruction count and the calls it makes (call, callvirt, newobj) to its method's counters; each newobj of
/// a class, newarr and box passes the new object to <see cref="Probe.Allocated"/>, as does each string or array a
/// call into the BCL returns; ArrayList.Add goes through <see cref="Probe.ArrayListAdd"/> so its hidden growth is
/// seen; each static constructor reports that it ran. The probe's own instructions are not counted.
/// </summary>
public static class CoreInstrumenter
{
    /// <summary>Writes the instrumented copy of <paramref name="corePath"/> to <paramref name="output"/>; returns the method names by id.</summary>
    public static string[] Instrument(string corePath, Stream output)
    {
        var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(Path.GetDirectoryName(corePath)!);
        resolver.AddSearchDirectory(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
        using var assembly = AssemblyDefinition.ReadAssembly(corePath, new ReaderParameters { AssemblyResolver = resolver, InMemory = true });
        var module = assembly.MainModule;
        var block = module.ImportReference(typeof(Probe).GetMethod(nameof(Probe.Block)));
        var allocated = module.ImportReference(typeof(Probe).GetMethod(nameof(Probe.Allocated)));
        var arrayListAdd = module.ImportReference(typeof(Probe).GetMethod(nameof(Probe.ArrayListAdd)));
        var typeInitialized = module.ImportReference(typeof(Probe).GetMethod(nameof(Probe.TypeInitialized)));

        var names = new List<string>();
        foreach (var type in module.GetTypes())
        {
            foreach (var method in type.Methods)
            {
                if (!method.HasBody) continue;
                int id = names.Count;
                names.Add($"{type.FullName}::{method.Name}");
                if (id >= Probe.MaxMethods) throw new InvalidOperationException("more methods than the probe holds");
                Rewrite(method, id, block, allocated, arrayListAdd, typeInitialized, module);
            }
        }
        assembly.Write(output);
        return names.ToArray();
    }

    private static void Rewrite(MethodDefinition method, int id, MethodReference block, MethodReference allocated,
        MethodReference arrayListAdd, MethodReference typeInitialized, ModuleDefinition module)
    {
        var body = method.Body;
        body.SimplifyMacros();
        var il = body.GetILProcessor();
        var instructions = body.Instructions.ToList();
        var leaders = Leaders(body, instructions);

        // Block sizes from the original code, before anything is inserted.
        var sizes = new Dictionary<Instruction, (int Count, int Calls)>();
        Instruction? current = null;
        foreach (var instruction in instructions)
        {
            if (leaders.Contains(instruction)) current = instruction;
            var entry = sizes.GetValueOrDefault(current!);
            bool isCall = instruction.OpCode.Code is Code.Call or Code.Callvirt or Code.Newobj;
            sizes[current!] = (entry.Count + 1, entry.Calls + (isCall ? 1 : 0));
        }

        foreach (var instruction in instructions)
        {
            switch (instruction.OpCode.Code)
            {
                case Code.Newobj when !((MethodReference)instruction.Operand).DeclaringType.IsValueType:
                case Code.Newarr:
                case Code.Box:
                    il.InsertAfter(instruction, il.Create(OpCodes.Call, allocated));
                    il.InsertAfter(instruction, il.Create(OpCodes.Dup));
                    break;
                case Code.Call:
                case Code.Callvirt:
                    var callee = (MethodReference)instruction.Operand;
                    if (callee.DeclaringType.FullName == typeof(ArrayList).FullName && callee.Name == "Add")
                    {
                        instruction.OpCode = OpCodes.Call;
                        instruction.Operand = arrayListAdd;
                    }
                    else if (callee.DeclaringType.Scope != module && (callee.ReturnType.IsArray || callee.ReturnType.FullName == "System.String"))
                    {
                        il.InsertAfter(instruction, il.Create(OpCodes.Call, allocated));
                        il.InsertAfter(instruction, il.Create(OpCodes.Dup));
                    }
                    break;
            }
        }

        foreach (var leader in instructions.Where(leaders.Contains))
        {
            var (count, calls) = sizes[leader];
            // Put the probe in front of the leader without moving branch targets or handler bounds: the leader's
            // instruction object becomes the probe's first instruction and a copy of it follows the probe.
            var copy = Instruction.Create(OpCodes.Nop);
            copy.OpCode = leader.OpCode;
            copy.Operand = leader.Operand;
            leader.OpCode = OpCodes.Ldc_I4;
            leader.Operand = id;
            var countInstruction = il.Create(OpCodes.Ldc_I4, count);
            var callsInstruction = il.Create(OpCodes.Ldc_I4, calls);
            var call = il.Create(OpCodes.Call, block);
            il.InsertAfter(leader, countInstruction);
            il.InsertAfter(countInstruction, callsInstruction);
            il.InsertAfter(callsInstruction, call);
            il.InsertAfter(call, copy);
        }

        if (method.IsConstructor && method.IsStatic)
        {
            var first = body.Instructions[0];
            il.InsertBefore(first, il.Create(OpCodes.Ldtoken, method.DeclaringType));
            il.InsertBefore(first, il.Create(OpCodes.Call, typeInitialized));
        }
        body.OptimizeMacros();
    }

    private static HashSet<Instruction> Leaders(MethodBody body, List<Instruction> instructions)
    {
        var leaders = new HashSet<Instruction> { instructions[0] };
        for (int i = 0; i < instructions.Count; i++)
        {
            var instruction = instructions[i];
            switch (instruction.Operand)
            {
                case Instruction target:
                    leaders.Add(target);
                    break;
                case Instruction[] targets:
                    foreach (var target in targets) leaders.Add(target);
                    break;
            }
            var flow = instruction.OpCode.FlowControl;
            if ((flow is FlowControl.Branch or FlowControl.Cond_Branch or FlowControl.Return or FlowControl.Throw)
                && i + 1 < instructions.Count)
            {
                leaders.Add(instructions[i + 1]);
            }
        }
        foreach (var handler in body.ExceptionHandlers)
        {
            leaders.Add(handler.TryStart);
            leaders.Add(handler.HandlerStart);
            if (handler.TryEnd != null) leaders.Add(handler.TryEnd);
            if (handler.HandlerEnd != null) leaders.Add(handler.HandlerEnd);
            if (handler.FilterStart != null) leaders.Add(handler.FilterStart);
        }
        return leaders;
    }
}
