using System.Text;
using Dimo.Core.Can;
using Dimo.Core.Obd;
using Dimo.Core.Obd.IsoTp;
using Dimo.Core.Obd.Pids;

namespace Dimo.Simulator.Ecu;

/// <summary>
/// An emission-relevant ECU on a <see cref="SimulatedCanBus"/>. It hears functional and physical requests
/// on its addressing's ids, reassembles them and answers over ISO-TP with the core's own state machines:
/// service 01 (supported-PID bitmaps and values from the <see cref="VehicleState"/>), 03 (trouble codes),
/// 09/02 (VIN) and UDS 22/2E (read/write data by identifier, F190 = VIN). Faults a real car shows can be
/// switched on: slow answers, "response pending", silence or negative answers for missing PIDs, a transfer
/// that stops mid-message, a wrong sequence number, and missing flow control.
/// </summary>
public sealed class SimulatedEcu : ISimulatedCanNode
{
    private const byte NegativeResponse = 0x7F;
    private const byte RequestOutOfRange = 0x31;
    private const byte ServiceNotSupported = 0x11;
    private const byte ResponsePending = 0x78;

    private readonly SimulatedCanBus _bus;
    private readonly IsoTpAddressing _addressing;
    private readonly IsoTpReception _reception;
    private readonly IsoTpTransmission _transmission;
    private readonly CanFrame _outgoing = new();
    private readonly Dictionary<int, byte[]> _dataIdentifiers = [];
    private readonly object _gate = new();
    private long _generation;
    private bool _dropped;

    public SimulatedEcu(SimulatedCanBus bus, IsoTpAddressing addressing, int ecu, VehicleState vehicle, IEnumerable<int> supportedPids)
    {
        _bus = bus;
        _addressing = addressing;
        Ecu = ecu;
        Vehicle = vehicle;
        SupportedPids = [.. supportedPids];
        _reception = new IsoTpReception(Settings);
        _transmission = new IsoTpTransmission(Settings);
        bus.Attach(this);
    }

    /// <summary>An engine ECU (11-bit index 0, 29-bit address 0x10) with the PIDs of the default template.</summary>
    public static SimulatedEcu Engine(SimulatedCanBus bus, IsoTpAddressing addressing, VehicleState vehicle) =>
        new(bus, addressing, addressing.IsExtended ? 0x10 : 0, vehicle,
            [0x04, 0x05, 0x0C, 0x0D, 0x0F, 0x11, 0x1F, 0x2F, 0x42, 0x46, 0xA6]);

    /// <summary>A transmission ECU (11-bit index 1, 29-bit address 0x11) that also knows the speed.</summary>
    public static SimulatedEcu Transmission(SimulatedCanBus bus, IsoTpAddressing addressing, VehicleState vehicle) =>
        new(bus, addressing, addressing.IsExtended ? 0x11 : 1, vehicle, [0x0D, 0x5C]) { ReportsVehicleDtcs = false, AnswersVin = false };

    /// <summary>Index (11-bit) or address (29-bit) of this ECU.</summary>
    public int Ecu { get; }

    public uint ResponseId => _addressing.ResponseIdOf(Ecu);

    public VehicleState Vehicle { get; }

    public HashSet<int> SupportedPids { get; }

    /// <summary>Padding, and the block size and STmin this ECU asks for when it receives a long request.</summary>
    public IsoTpSettings Settings { get; } = new();

    /// <summary>How long the ECU takes before it answers.</summary>
    public int ResponseDelayMilliseconds { get; set; }

    /// <summary>Sends "response pending" (7F xx 78) at once and the answer after <see cref="ResponseDelayMilliseconds"/>.</summary>
    public bool SendsResponsePending { get; set; }

    public MissingPidReply MissingPidReply { get; set; } = MissingPidReply.Silent;

    /// <summary>Answers service 09/02 and UDS F190 with the VIN.</summary>
    public bool AnswersVin { get; set; } = true;

    /// <summary>Answers service 09/02; false models a car that only knows UDS F190.</summary>
    public bool AnswersService09Vin { get; set; } = true;

    public bool ReportsVehicleDtcs { get; set; } = true;

    /// <summary>The 1-based consecutive frame at which the ECU stops sending (the rest of the message is lost).</summary>
    public int? StopBeforeConsecutiveFrame { get; set; }

    /// <summary>Stops only in the first long answer, so the next request succeeds.</summary>
    public bool StopsOnce { get; set; } = true;

    /// <summary>The 1-based consecutive frame sent with a sequence number one too high.</summary>
    public int? WrongSequenceAtConsecutiveFrame { get; set; }

    /// <summary>When false the ECU never answers a long request's first frame with flow control.</summary>
    public bool SendsFlowControl { get; set; } = true;

    /// <summary>False models a sleeping ECU (ignition off): it hears nothing and answers nothing.</summary>
    public bool IsAwake { get; set; } = true;

    /// <summary>Complete requests this ECU has received.</summary>
    public int RequestsReceived { get; private set; }

    public void SetDataIdentifier(int identifier, byte[] data)
    {
        lock (_gate) _dataIdentifiers[identifier] = data.ToArray();
    }

    public byte[]? DataIdentifier(int identifier)
    {
        lock (_gate) return _dataIdentifiers.TryGetValue(identifier, out var data) ? data.ToArray() : null;
    }

    public void OnFrame(CanFrame frame)
    {
        if (!IsAwake || frame.IsExtended != _addressing.IsExtended || frame.Length < 1)
            return;
        bool functional = frame.Id == _addressing.FunctionalRequestId;
        bool physical = _addressing.EcuOfPhysicalRequestId(frame.Id, frame.IsExtended) == Ecu;
        if (!functional && !physical)
            return;
        lock (_gate)
        {
            long now = _bus.Clock.MonotonicMilliseconds;
            var type = IsoTpFrames.TypeOf(frame);
            if (type == IsoTpFrameType.FlowControl)
            {
                if (physical)
                {
                    _transmission.OnFlowControl(frame, now);
                    Pump(_generation);
                }
                return;
            }
            if (functional && type != IsoTpFrameType.Single)
                return;
            var status = _reception.Accept(frame, now);
            if (_reception.NeedsFlowControl && SendsFlowControl)
            {
                _reception.WriteFlowControl(_outgoing, ResponseId, _addressing.IsExtended);
                _bus.Transmit(_outgoing);
            }
            if (status != IsoTpReceiveStatus.Complete)
                return;
            RequestsReceived++;
            byte[] request = _reception.Buffer.AsSpan(0, _reception.Length).ToArray();
            if (SendsResponsePending && ResponseDelayMilliseconds > 0)
                Start([NegativeResponse, request[0], ResponsePending]);
            _bus.After(ResponseDelayMilliseconds, () => Answer(request));
        }
    }

    private void Answer(byte[] request)
    {
        lock (_gate)
        {
            byte[]? response = Respond(request);
            if (response is not null)
                Start(response);
        }
    }

    private void Start(byte[] response)
    {
        _generation++;
        _transmission.Start(ResponseId, _addressing.IsExtended, response, 0, response.Length, _bus.Clock.MonotonicMilliseconds);
        Pump(_generation);
    }

    /// <summary>Sends every frame that is due and schedules itself for the next; stale calls of an older answer do nothing.</summary>
    private void Pump(long generation)
    {
        if (generation != _generation)
            return;
        long now = _bus.Clock.MonotonicMilliseconds;
        while (_transmission.State == IsoTpTransmitState.ReadyToSend && now >= _transmission.NextSendAt)
        {
            _transmission.WriteNextFrame(_outgoing, now);
            int consecutive = IsoTpFrames.TypeOf(_outgoing) == IsoTpFrameType.Consecutive ? _transmission.ConsecutiveFramesSent : 0;
            if (consecutive > 0 && consecutive == StopBeforeConsecutiveFrame && !(StopsOnce && _dropped))
            {
                _dropped = true;
                _generation++;
                return;
            }
            if (consecutive > 0 && consecutive == WrongSequenceAtConsecutiveFrame)
                _outgoing.Data[0] = (byte)(0x20 | ((_outgoing.Data[0] + 1) & 0x0F));
            _bus.Transmit(_outgoing);
        }
        if (_transmission.State == IsoTpTransmitState.ReadyToSend)
            _bus.At(_transmission.NextSendAt, () => { lock (_gate) Pump(generation); });
    }

    private byte[]? Respond(byte[] request)
    {
        return request[0] switch
        {
            0x01 when request.Length >= 2 => CurrentData(request[1]),
            0x03 => TroubleCodes(),
            0x09 when request.Length >= 2 && request[1] == 0x02 && AnswersVin && AnswersService09Vin && Vehicle.Vin is { } vin =>
                [0x49, 0x02, 0x01, .. Encoding.ASCII.GetBytes(vin)],
            0x22 when request.Length >= 3 => ReadDataByIdentifier(request[1] << 8 | request[2]),
            0x2E when request.Length >= 4 => WriteDataByIdentifier(request),
            _ => Missing(request[0], ServiceNotSupported),
        };
    }

    private byte[]? CurrentData(int pid)
    {
        if (PidTable.IsSupportBitmap(pid))
        {
            if (pid != 0 && !Supports(pid))
                return Missing(0x01, RequestOutOfRange);
            var bitmap = new byte[6];
            bitmap[0] = 0x41;
            bitmap[1] = (byte)pid;
            for (int bit = 0; bit < 32; bit++)
            {
                if (Supports(pid + 1 + bit))
                    bitmap[2 + bit / 8] |= (byte)(0x80 >> (bit % 8));
            }
            return bitmap;
        }
        var definition = PidTable.Find(pid);
        if (definition is null || !SupportedPids.Contains(pid))
            return Missing(0x01, RequestOutOfRange);
        var response = new byte[2 + definition.DataLength];
        response[0] = 0x41;
        response[1] = (byte)pid;
        var values = Vehicle.PidValues(pid);
        for (int i = 0; values is not null && i < definition.Values.Length && i < values.Length; i++)
            definition.Values[i].Encode(values[i], response, 2);
        return response;
    }

    /// <summary>A bitmap PID is supported when any PID after it is, which sets the "next range" bit of the one before.</summary>
    private bool Supports(int pid) =>
        PidTable.IsSupportBitmap(pid) ? SupportedPids.Any(p => p > pid) : SupportedPids.Contains(pid);

    private byte[] TroubleCodes()
    {
        var codes = ReportsVehicleDtcs ? Vehicle.Dtcs : [];
        var response = new List<byte> { 0x43, (byte)codes.Count };
        foreach (var code in codes)
        {
            int value = DtcCode.Encode(code);
            if (value < 0)
                throw new InvalidOperationException($"'{code}' is not a trouble code");
            response.Add((byte)(value >> 8));
            response.Add((byte)value);
        }
        return [.. response];
    }

    private byte[]? ReadDataByIdentifier(int identifier)
    {
        byte[]? data = identifier == 0xF190
            ? (AnswersVin && Vehicle.Vin is { } vin ? Encoding.ASCII.GetBytes(vin) : null)
            : (_dataIdentifiers.TryGetValue(identifier, out var stored) ? stored : null);
        return data is null
            ? Missing(0x22, RequestOutOfRange)
            : [0x62, (byte)(identifier >> 8), (byte)identifier, .. data];
    }

    private byte[] WriteDataByIdentifier(byte[] request)
    {
        _dataIdentifiers[request[1] << 8 | request[2]] = request[3..];
        return [0x6E, request[1], request[2]];
    }

    private byte[]? Missing(byte service, byte code) =>
        MissingPidReply == MissingPidReply.NegativeResponse ? [NegativeResponse, service, code] : null;
}
