using Dimo.Core.Can;
using Dimo.Core.Can.Mcp2515;
using R = Dimo.Core.Can.Mcp2515.Mcp2515Registers;

namespace Dimo.Simulator.Mcp2515;

/// <summary>
/// The MCP2515 at register level, for testing the driver without the chip (Microchip DS20001801). It decodes
/// the SPI instructions (RESET, READ, WRITE, BIT MODIFY, READ RX BUFFER, LOAD TX BUFFER, RTS, READ STATUS,
/// RX STATUS), keeps the register map with the datasheet's write rules (CNF, masks and filters only in
/// configuration mode; CANSTAT, TEC, REC read-only; only the overflow bits of EFLG writable), and receives
/// frames the bus finishes: at the bit rate its CNF registers give, through masks and filters, into RXB0 with
/// rollover into RXB1, setting overflow flags when both are full, and the INT line while an enabled flag is set.
/// Error counters follow injected bus errors into warning, error-passive and bus-off. Not modelled: the chip's
/// own bus-off recovery after 128 × 11 recessive bits (a RESET clears bus-off), arbitration against other nodes,
/// sleep wake-up, and one-shot mode.
/// </summary>
public sealed class Mcp2515Chip
{
    private readonly byte[] _registers = new byte[128];
    private int _transmitErrors;
    private int _receiveErrors;

    public Mcp2515Chip(int oscillatorHz)
    {
        OscillatorHz = oscillatorHz;
        Reset();
    }

    public int OscillatorHz { get; }

    /// <summary>False simulates a wiring fault: the chip ignores SPI and MISO reads as <see cref="MisoWhenSilent"/>.</summary>
    public bool Answers { get; set; } = true;

    /// <summary>What MISO reads when the chip does not answer: 0xFF with a pull-up, 0x00 with the line held low.</summary>
    public byte MisoWhenSilent { get; set; } = 0xFF;

    /// <summary>False simulates a chip without a running oscillator: it answers on SPI but never leaves its mode.</summary>
    public bool ChangesMode { get; set; } = true;

    /// <summary>Frames the chip put on the bus (normal mode), in order.</summary>
    public event Action<CanFrame>? Transmitted;

    public Mcp2515Mode Mode => (Mcp2515Mode)(_registers[R.CANSTAT] & R.ModeMask);

    /// <summary>True while the INT pin is driven low: an interrupt flag is set whose interrupt is enabled.</summary>
    public bool InterruptAsserted => (_registers[R.CANINTF] & _registers[R.CANINTE]) != 0;

    /// <summary>The bit rate the CNF registers select.</summary>
    public int BitRate => Mcp2515BitTiming.BitRateOf(OscillatorHz, _registers[R.CNF1], _registers[R.CNF2], _registers[R.CNF3]);

    public bool IsBusOff => (_registers[R.EFLG] & R.TxBusOff) != 0;

    public long FramesStored { get; private set; }

    /// <summary>Frames lost because the buffer they were meant for (and, with rollover, RXB1) was full.</summary>
    public long FramesOverflowed { get; private set; }

    /// <summary>Frames no filter accepted.</summary>
    public long FramesFiltered { get; private set; }

    /// <summary>Frames not received because the chip's bit rate differs from the bus's.</summary>
    public long FramesAtWrongRate { get; private set; }

    public byte Register(int address) => _registers[address & 0x7F];

    /// <summary>True when neither receive buffer holds a frame.</summary>
    public bool ReceiveBuffersEmpty => (_registers[R.CANINTF] & (R.Rx0 | R.Rx1)) == 0;

    /// <summary>One SPI transaction: <paramref name="count"/> bytes in from <paramref name="write"/>, out to <paramref name="read"/>.</summary>
    public void Transfer(byte[] write, byte[] read, int count)
    {
        if (count < 1)
            return;
        if (!Answers)
        {
            Array.Fill(read, MisoWhenSilent, 0, count);
            return;
        }
        Array.Clear(read, 0, count);
        byte instruction = write[0];
        switch (instruction)
        {
            case Mcp2515Instructions.Reset:
                Reset();
                return;
            case Mcp2515Instructions.Read:
                for (int i = 2; i < count; i++)
                    read[i] = _registers[(write[1] + i - 2) & 0x7F];
                return;
            case Mcp2515Instructions.Write:
                for (int i = 2; i < count; i++)
                    WriteRegister((write[1] + i - 2) & 0x7F, write[i]);
                return;
            case Mcp2515Instructions.BitModify:
                if (count >= 4 && IsBitModifiable(write[1]))
                    WriteRegister(write[1], (byte)((_registers[write[1]] & ~write[2]) | (write[3] & write[2])));
                return;
            case Mcp2515Instructions.ReadStatus:
                for (int i = 1; i < count; i++)
                    read[i] = Status();
                return;
            case Mcp2515Instructions.RxStatus:
                for (int i = 1; i < count; i++)
                    read[i] = RxStatus();
                return;
        }
        if ((instruction & 0xF9) == Mcp2515Instructions.ReadRxBuffer)
        {
            int buffer = (instruction >> 2) & 1;
            int start = (buffer == 0 ? R.RXB0SIDH : R.RXB1SIDH) + ((instruction & 0x02) != 0 ? 5 : 0);
            for (int i = 1; i < count; i++)
                read[i] = _registers[(start + i - 1) & 0x7F];
            // The flag clears when chip select rises.
            _registers[R.CANINTF] &= (byte)~(buffer == 0 ? R.Rx0 : R.Rx1);
            return;
        }
        if ((instruction & 0xF8) == Mcp2515Instructions.LoadTxBuffer && (instruction & 0x07) <= 5)
        {
            int start = R.TXB0CTRL + 0x10 * ((instruction >> 1) & 0x03) + 1 + ((instruction & 0x01) != 0 ? 5 : 0);
            for (int i = 1; i < count; i++)
                _registers[(start + i - 1) & 0x7F] = write[i];
            return;
        }
        if ((instruction & 0xF8) == Mcp2515Instructions.RequestToSend)
        {
            for (int b = 0; b < 3; b++)
            {
                if ((instruction & (1 << b)) != 0)
                    _registers[R.TXB0CTRL + 0x10 * b] |= R.TxRequest;
            }
            TransmitPending();
        }
    }

    /// <summary>
    /// A frame the bus finished at <paramref name="busBitRate"/>. Returns true when it was stored in a receive buffer.
    /// </summary>
    public bool Receive(CanFrame frame, int busBitRate)
    {
        var mode = Mode;
        if (mode == Mcp2515Mode.Sleep)
        {
            // Bus activity wakes a sleeping chip (datasheet 10.2): WAKIF, INT if enabled, listen-only; the frame is lost.
            SetFlag(R.Wake);
            _registers[R.CANSTAT] = (byte)((_registers[R.CANSTAT] & ~R.ModeMask) | (byte)Mcp2515Mode.ListenOnly);
            return false;
        }
        if (mode is Mcp2515Mode.Configuration or Mcp2515Mode.Loopback || IsBusOff)
            return false;
        if (BitRate != busBitRate)
        {
            // Sampling at the wrong rate breaks the frame (stuffing, CRC or form errors): a message error.
            FramesAtWrongRate++;
            SetFlag(R.MessageError);
            if (mode == Mcp2515Mode.Normal)
                AddReceiveErrors(1);
            return false;
        }
        bool stored = Store(frame);
        if (stored && mode == Mcp2515Mode.Normal && _receiveErrors > 0)
        {
            _receiveErrors = _receiveErrors > 127 ? 120 : _receiveErrors - 1;
            UpdateErrorFlags();
        }
        return stored;
    }

    /// <summary>Bus errors seen while receiving (REC + 1 each) in normal mode; every mode flags a message error.</summary>
    public void InjectReceiveErrors(int count)
    {
        SetFlag(R.MessageError);
        if (Mode == Mcp2515Mode.Normal)
            AddReceiveErrors(count);
    }

    /// <summary>Errors while transmitting (TEC + 8 each); at 256 the chip goes bus-off. Only in normal mode.</summary>
    public void InjectTransmitErrors(int count)
    {
        if (Mode != Mcp2515Mode.Normal || IsBusOff)
            return;
        _transmitErrors = Math.Min(256, _transmitErrors + 8 * count);
        SetFlag(R.MessageError);
        UpdateErrorFlags();
    }

    private void AddReceiveErrors(int count)
    {
        _receiveErrors = Math.Min(255, _receiveErrors + count);
        UpdateErrorFlags();
    }

    private void UpdateErrorFlags()
    {
        byte before = _registers[R.EFLG];
        byte flags = (byte)(before & (R.Rx0Overflow | R.Rx1Overflow | R.TxBusOff));
        if (_transmitErrors >= 96) flags |= R.TxWarning;
        if (_receiveErrors >= 96) flags |= R.RxWarning;
        if (_transmitErrors >= 96 || _receiveErrors >= 96) flags |= R.ErrorWarning;
        if (_transmitErrors >= 128) flags |= R.TxErrorPassive;
        if (_receiveErrors >= 128) flags |= R.RxErrorPassive;
        if (_transmitErrors >= 256) flags |= R.TxBusOff;
        _registers[R.EFLG] = flags;
        _registers[R.TEC] = (byte)Math.Min(255, _transmitErrors);
        _registers[R.REC] = (byte)_receiveErrors;
        if ((flags & ~before) != 0)
            SetFlag(R.Error);
    }

    private bool Store(CanFrame frame)
    {
        int hit0 = MatchingFilter(frame, R.RXB0CTRL, 0, 2, R.RXM0SIDH);
        int hit1 = hit0 >= 0 ? -1 : MatchingFilter(frame, R.RXB1CTRL, 2, 6, R.RXM1SIDH);
        if (hit0 < 0 && hit1 < 0)
        {
            FramesFiltered++;
            return false;
        }
        if (hit0 >= 0)
        {
            if ((_registers[R.CANINTF] & R.Rx0) == 0)
            {
                Fill(R.RXB0SIDH, frame);
                _registers[R.RXB0CTRL] = (byte)((_registers[R.RXB0CTRL] & 0x64) | hit0);
                return Stored(R.Rx0);
            }
            if ((_registers[R.RXB0CTRL] & R.Rollover) == 0)
                return Overflow(R.Rx0Overflow);
            if ((_registers[R.CANINTF] & R.Rx1) != 0)
                return Overflow(R.Rx1Overflow);
            Fill(R.RXB1SIDH, frame);
            // FILHIT 0 or 1 with rollover; BUKT1 (bit 1 of RXB0CTRL) mirrors that it happened.
            _registers[R.RXB1CTRL] = (byte)((_registers[R.RXB1CTRL] & 0x60) | hit0);
            _registers[R.RXB0CTRL] |= 0x02;
            return Stored(R.Rx1);
        }
        if ((_registers[R.CANINTF] & R.Rx1) != 0)
            return Overflow(R.Rx1Overflow);
        Fill(R.RXB1SIDH, frame);
        _registers[R.RXB1CTRL] = (byte)((_registers[R.RXB1CTRL] & 0x60) | hit1);
        return Stored(R.Rx1);
    }

    private bool Stored(byte flag)
    {
        SetFlag(flag);
        FramesStored++;
        return true;
    }

    private bool Overflow(byte flag)
    {
        FramesOverflowed++;
        _registers[R.EFLG] |= flag;
        SetFlag(R.Error);
        return false;
    }

    /// <summary>The filter (index) of this buffer that accepts the frame, or -1.</summary>
    private int MatchingFilter(CanFrame frame, int control, int firstFilter, int endFilter, int maskAddress)
    {
        if ((_registers[control] & R.ReceiveAnyMessage) == R.ReceiveAnyMessage)
            return firstFilter;
        for (int f = firstFilter; f < endFilter; f++)
        {
            int filter = R.FilterAddress(f);
            bool filterExtended = (_registers[filter + 1] & R.ExtendedIdFlag) != 0;
            if (filterExtended != frame.IsExtended)
                continue;
            if (Matches(frame, filter, maskAddress))
                return f;
        }
        return -1;
    }

    private bool Matches(CanFrame frame, int filter, int mask)
    {
        uint sid = frame.IsExtended ? (frame.Id >> 18) & 0x7FF : frame.Id & 0x7FF;
        uint maskSid = (uint)(_registers[mask] << 3 | _registers[mask + 1] >> 5);
        uint filterSid = (uint)(_registers[filter] << 3 | _registers[filter + 1] >> 5);
        if (((sid ^ filterSid) & maskSid) != 0)
            return false;
        // For an extended frame the EID bits are id bits 17-0; for a standard frame EID8/EID0 meet data bytes 0 and 1.
        uint eid = frame.IsExtended
            ? frame.Id & 0x3FFFF
            : (uint)((frame.Length > 0 ? frame.Data[0] : 0) << 8 | (frame.Length > 1 ? frame.Data[1] : 0));
        uint maskEid = (uint)((_registers[mask + 1] & 0x03) << 16 | _registers[mask + 2] << 8 | _registers[mask + 3]);
        uint filterEid = (uint)((_registers[filter + 1] & 0x03) << 16 | _registers[filter + 2] << 8 | _registers[filter + 3]);
        if (!frame.IsExtended)
        {
            maskEid &= 0xFFFF;
            filterEid &= 0xFFFF;
        }
        return ((eid ^ filterEid) & maskEid) == 0;
    }

    private void Fill(int sidh, CanFrame frame)
    {
        uint id = frame.Id;
        if (frame.IsExtended)
        {
            _registers[sidh] = (byte)(id >> 21);
            _registers[sidh + 1] = (byte)(((id >> 18) & 0x07) << 5 | R.ExtendedIdFlag | (id >> 16) & 0x03);
            _registers[sidh + 2] = (byte)(id >> 8);
            _registers[sidh + 3] = (byte)id;
        }
        else
        {
            _registers[sidh] = (byte)(id >> 3);
            _registers[sidh + 1] = (byte)((id & 0x07) << 5);
            _registers[sidh + 2] = 0;
            _registers[sidh + 3] = 0;
        }
        int length = Math.Min(8, frame.Length);
        _registers[sidh + 4] = (byte)length;
        Array.Clear(_registers, sidh + 5, 8);
        Array.Copy(frame.Data, 0, _registers, sidh + 5, length);
    }

    private void TransmitPending()
    {
        var mode = Mode;
        if ((mode != Mcp2515Mode.Normal && mode != Mcp2515Mode.Loopback) || IsBusOff)
            return;
        for (int b = 0; b < 3; b++)
        {
            int control = R.TXB0CTRL + 0x10 * b;
            if ((_registers[control] & R.TxRequest) == 0)
                continue;
            var frame = new CanFrame();
            byte sidl = _registers[control + 2];
            uint sid = (uint)(_registers[control + 1] << 3 | sidl >> 5);
            frame.IsExtended = (sidl & R.ExtendedIdFlag) != 0;
            frame.Id = frame.IsExtended ? sid << 18 | (uint)(sidl & 0x03) << 16 | (uint)_registers[control + 3] << 8 | _registers[control + 4] : sid;
            frame.Length = Math.Min(8, _registers[control + 5] & 0x0F);
            Array.Copy(_registers, control + 6, frame.Data, 0, frame.Length);
            _registers[control] &= unchecked((byte)~R.TxRequest);
            SetFlag((byte)(R.Tx0 << b));
            if (mode == Mcp2515Mode.Loopback)
                Store(frame);
            else
                Transmitted?.Invoke(frame);
        }
    }

    private void SetFlag(byte flag) => _registers[R.CANINTF] |= flag;

    private byte Status()
    {
        byte flags = _registers[R.CANINTF];
        int status = flags & (R.Rx0 | R.Rx1);
        if ((_registers[R.TXB0CTRL] & R.TxRequest) != 0) status |= 0x04;
        if ((flags & R.Tx0) != 0) status |= 0x08;
        if ((_registers[R.TXB1CTRL] & R.TxRequest) != 0) status |= 0x10;
        if ((flags & R.Tx1) != 0) status |= 0x20;
        if ((_registers[R.TXB2CTRL] & R.TxRequest) != 0) status |= 0x40;
        if ((flags & R.Tx2) != 0) status |= 0x80;
        return (byte)status;
    }

    private byte RxStatus()
    {
        byte flags = _registers[R.CANINTF];
        bool in0 = (flags & R.Rx0) != 0;
        bool in1 = (flags & R.Rx1) != 0;
        if (!in0 && !in1)
            return 0;
        int status = (in0 ? 0x40 : 0) | (in1 ? 0x80 : 0);
        int sidh = in0 ? R.RXB0SIDH : R.RXB1SIDH;
        bool extended = (_registers[sidh + 1] & R.ExtendedIdFlag) != 0;
        bool remote = extended ? (_registers[sidh + 4] & R.RemoteFlag) != 0 : (_registers[sidh + 1] & 0x10) != 0;
        status |= (extended ? 0x10 : 0) | (remote ? 0x08 : 0);
        if (in0)
            status |= _registers[R.RXB0CTRL] & 0x01;
        else
        {
            int hit = _registers[R.RXB1CTRL] & 0x07;
            // Rollover from RXB0 reports filters 0 and 1 as 6 and 7.
            status |= hit < 2 ? hit + 6 : hit;
        }
        return (byte)status;
    }

    private void Reset()
    {
        Array.Clear(_registers);
        _registers[R.CANSTAT] = (byte)Mcp2515Mode.Configuration;
        _registers[R.CANCTRL] = R.CanCtrlAfterReset;
        _transmitErrors = 0;
        _receiveErrors = 0;
    }

    private static bool IsBitModifiable(int address) =>
        address is R.BFPCTRL or R.TXRTSCTRL or R.CANCTRL or R.CNF1 or R.CNF2 or R.CNF3 or R.CANINTE or R.CANINTF or R.EFLG
            or R.TXB0CTRL or R.TXB1CTRL or R.TXB2CTRL or R.RXB0CTRL or R.RXB1CTRL;

    private void WriteRegister(int address, byte value)
    {
        bool configuration = Mode == Mcp2515Mode.Configuration;
        switch (address)
        {
            case R.CANSTAT or R.TEC or R.REC:
                return;
            case R.CANCTRL:
                _registers[R.CANCTRL] = value;
                // The mode changes at once here; the real chip waits for the bus to be idle.
                if (ChangesMode)
                    _registers[R.CANSTAT] = (byte)((_registers[R.CANSTAT] & ~R.ModeMask) | (value & R.ModeMask));
                if ((value & R.CanCtrlAbortAll) == 0)
                    TransmitPending();
                return;
            case R.CNF1 or R.CNF2 or R.CNF3:
                if (configuration)
                    _registers[address] = value;
                return;
            case R.EFLG:
                // Only RX0OVR and RX1OVR can be cleared by the MCU.
                _registers[R.EFLG] = (byte)((_registers[R.EFLG] & 0x3F) | (value & _registers[R.EFLG] & 0xC0));
                return;
            case R.RXB0CTRL:
                _registers[address] = (byte)((_registers[address] & 0x0B) | (value & 0x64));
                return;
            case R.RXB1CTRL:
                _registers[address] = (byte)((_registers[address] & 0x0F) | (value & 0x60));
                return;
        }
        if (address is R.TXB0CTRL or R.TXB1CTRL or R.TXB2CTRL)
        {
            _registers[address] = (byte)((_registers[address] & 0x70) | (value & 0x0B));
            if ((value & R.TxRequest) != 0)
                TransmitPending();
            return;
        }
        // Filters (0x00-0x0B, 0x10-0x1B) and masks (0x20-0x27) only change in configuration mode.
        if ((address < 0x0C || (address >= 0x10 && address < 0x1C) || (address >= 0x20 && address < 0x28)) && !configuration)
            return;
        _registers[address] = value;
    }
}
