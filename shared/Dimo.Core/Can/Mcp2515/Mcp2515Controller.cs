using Dimo.Core.Dongle;
using Dimo.Core.Time;

namespace Dimo.Core.Can.Mcp2515
{
    /// <summary>
    /// The MCP2515 (or MCP25625) CAN controller over SPI, as the dongle's <see cref="ICanBus"/>.
    /// <see cref="Start"/> resets the chip, checks that it answers, writes bit timing, masks and filters and
    /// enters listen-only mode (normal mode only when the settings allow transmitting), reading every mode change
    /// back. Frames are received on the INT line from both receive buffers, with rollover from buffer 0 to 1 so a
    /// second frame can arrive while the first is read; when both hold a frame, both are read and the second is kept
    /// for the next call, so buffer 1 is never starved by a busy buffer 0. Error flags are handled on the same line: overflows,
    /// warnings, error-passive and bus-off are counted, and bus-off is recovered by setting the chip up again.
    /// Per frame the driver makes at most two SPI transactions (CANINTF, then READ RX BUFFER) and allocates nothing.
    /// Two frames caught in both buffers at once are delivered buffer 0 first, which may swap their order; the
    /// decoder handles every frame on its own, so this does not change a reading. Not thread-safe.
    /// </summary>
    public sealed class Mcp2515Controller : ICanBus
    {
        /// <summary>Reads of CANSTAT before a reset or mode change counts as failed (and at least <see cref="ModeChangeMilliseconds"/>).</summary>
        public const int ModeChangeAttempts = 16;

        public const int ModeChangeMilliseconds = 10;

        /// <summary>After a failed bus-off recovery, the next attempt waits this long.</summary>
        public const int RestartRetryMilliseconds = 1000;

        private const byte EnabledInterrupts = Mcp2515Registers.Rx0 | Mcp2515Registers.Rx1 | Mcp2515Registers.Error | Mcp2515Registers.MessageError;
        private const int BufferBytes = 13;

        private readonly ISpiPort _spi;
        private readonly IInterruptLine _interrupt;
        private readonly IClock _clock;
        private readonly byte[] _write = new byte[2 + BufferBytes];
        private readonly byte[] _read = new byte[2 + BufferBytes];
        private readonly byte[] _filterBytes = new byte[4];
        private readonly CanFrame _probe = new CanFrame();
        private readonly CanFrame _held = new CanFrame();
        private bool _holding;
        private Mcp2515Settings _settings;
        private byte _lastErrorFlags;
        private long _restartAt = -1;

        public Mcp2515Controller(ISpiPort spi, IInterruptLine interrupt, IClock clock)
        {
            if (spi == null || interrupt == null || clock == null)
            {
                throw new System.ArgumentNullException(spi == null ? "spi" : interrupt == null ? "interrupt" : "clock");
            }
            _spi = spi;
            _interrupt = interrupt;
            _clock = clock;
        }

        /// <summary>The mode the chip last confirmed.</summary>
        public Mcp2515Mode Mode { get; private set; }

        /// <summary>The bit timing in use; null before <see cref="Start"/>.</summary>
        public Mcp2515BitTiming Timing { get; private set; }

        public long FramesReceived { get; private set; }
        public long FramesSent { get; private set; }

        /// <summary>Frames refused by <see cref="Send"/>: listen-only mode, too long, or the transmit buffer stayed busy.</summary>
        public long SendsRefused { get; private set; }

        /// <summary>Frames lost because both receive buffers were full (RX0OVR / RX1OVR).</summary>
        public long ReceiveOverflows { get; private set; }

        /// <summary>MERRF: a frame on the bus could not be received (in listen-only mode: usually a wrong bit rate).</summary>
        public long MessageErrors { get; private set; }

        /// <summary>Entries into the warning level (an error counter at 96 or more).</summary>
        public long ErrorWarnings { get; private set; }

        /// <summary>Entries into error-passive (an error counter at 128 or more).</summary>
        public long ErrorPassiveEvents { get; private set; }

        public long BusOffEvents { get; private set; }

        /// <summary>Bus-offs after which the chip was set up again and is back in its mode.</summary>
        public long BusOffRecoveries { get; private set; }

        /// <summary>Recoveries that failed (the chip stopped answering); retried every <see cref="RestartRetryMilliseconds"/>.</summary>
        public long RecoveryFailures { get; private set; }

        /// <summary>TEC and REC as last read (on an error interrupt).</summary>
        public int TransmitErrorCount { get; private set; }
        public int ReceiveErrorCount { get; private set; }

        public bool IsErrorPassive
        {
            get { return (_lastErrorFlags & (Mcp2515Registers.TxErrorPassive | Mcp2515Registers.RxErrorPassive)) != 0; }
        }

        /// <summary>
        /// Resets the chip and sets it up; on return it is in listen-only (or, with <see cref="Mcp2515Settings.Transmit"/>,
        /// normal) mode. Throws <see cref="Mcp2515Exception"/> when the chip does not answer, refuses a mode, or the
        /// bit rate cannot be reached.
        /// </summary>
        public void Start(Mcp2515Settings settings)
        {
            if (settings == null)
            {
                throw new System.ArgumentNullException("settings");
            }
            if (settings.FilterWords != null && settings.FilterWords.Length != 8)
            {
                throw new System.ArgumentException("filter words are 2 masks then 6 filters", "settings");
            }
            Mcp2515BitTiming timing = Mcp2515BitTiming.Compute(settings.OscillatorHz, settings.BitRate);
            Configure(timing, settings.FilterWords, settings.Transmit ? Mcp2515Mode.Normal : Mcp2515Mode.ListenOnly);
            _settings = settings;
            _restartAt = -1;
        }

        /// <summary>
        /// Finds the bus's bit rate without disturbing it: for each rate the oscillator reaches (500, 250, 125 and,
        /// at 16 MHz, 1000 kbit/s) it listens (listen-only mode, every frame accepted) for up to
        /// <paramref name="listenMilliseconds"/>, and keeps the first rate at which frames arrive without a message
        /// error. Returns that rate, or 0 when none qualifies (bus silent or unknown rate). Call <see cref="Start"/>
        /// with the result afterwards.
        /// </summary>
        public int DetectBitRate(int oscillatorHz, int listenMilliseconds)
        {
            int[] rates = new int[] { 500000, 250000, 125000, 1000000 };
            for (int r = 0; r < rates.Length; r++)
            {
                Mcp2515BitTiming timing;
                try
                {
                    timing = Mcp2515BitTiming.Compute(oscillatorHz, rates[r]);
                }
                catch (Mcp2515Exception)
                {
                    continue;
                }
                Configure(timing, null, Mcp2515Mode.ListenOnly);
                if (ListensCleanly(listenMilliseconds))
                {
                    return rates[r];
                }
            }
            return 0;
        }

        /// <summary>Puts the chip in <paramref name="mode"/> (e.g. sleep when the car is off) and checks it got there.</summary>
        public void SetMode(Mcp2515Mode mode)
        {
            BitModify(Mcp2515Registers.CANCTRL, Mcp2515Registers.ModeMask, (byte)mode);
            long deadline = _clock.MonotonicMilliseconds + ModeChangeMilliseconds;
            byte status = 0;
            for (int attempt = 0; attempt < ModeChangeAttempts || _clock.MonotonicMilliseconds < deadline; attempt++)
            {
                status = ReadRegister(Mcp2515Registers.CANSTAT);
                if ((status & Mcp2515Registers.ModeMask) == (byte)mode)
                {
                    Mode = mode;
                    return;
                }
            }
            if (status == 0x00 || status == 0xFF)
            {
                throw NotAnswering("CANSTAT", status);
            }
            throw new Mcp2515Exception(Mcp2515Fault.ModeNotReached,
                "the MCP2515 did not enter " + ModeName(mode) + " mode (CANSTAT reads 0x" + status.ToString("X2")
                + "): check its crystal, and that no other node holds the bus dominant");
        }

        /// <summary>
        /// Puts the chip to sleep (about 1 µA). Pending flags are cleared first (unread frames are dropped), so INT is
        /// high on entry. The first activity on the bus wakes the chip into listen-only mode (the frame that woke
        /// it is lost) and sets WAKIF; with <paramref name="interruptOnWake"/> that also pulls INT low, which wakes
        /// the ESP32 from light sleep. Without it INT stays high (deep sleep, which must not be woken by the bus).
        /// Call <see cref="LeaveSleep"/> afterwards.
        /// </summary>
        public void EnterSleep(bool interruptOnWake)
        {
            WriteChecked(Mcp2515Registers.CANINTE, interruptOnWake ? Mcp2515Registers.Wake : (byte)0);
            WriteRegister(Mcp2515Registers.CANINTF, 0);
            SetMode(Mcp2515Mode.Sleep);
        }

        /// <summary>
        /// Back from sleep (woken by the bus or not): clears the wake-up flag and interrupt and returns to the
        /// mode <see cref="Start"/> chose (listen-only, or normal when transmitting).
        /// </summary>
        public void LeaveSleep()
        {
            if (_settings == null)
            {
                throw new System.InvalidOperationException("the MCP2515 was never started");
            }
            if ((ReadRegister(Mcp2515Registers.CANINTF) & Mcp2515Registers.Wake) != 0)
            {
                Wakes++;
            }
            WriteChecked(Mcp2515Registers.CANINTE, EnabledInterrupts);
            BitModify(Mcp2515Registers.CANINTF, Mcp2515Registers.Wake, 0);
            SetMode(_settings.Transmit ? Mcp2515Mode.Normal : Mcp2515Mode.ListenOnly);
        }

        /// <summary>Sleeps the bus ended (WAKIF seen by <see cref="LeaveSleep"/>).</summary>
        public long Wakes { get; private set; }

        public bool Send(CanFrame frame)
        {
            if ((Mode != Mcp2515Mode.Normal && Mode != Mcp2515Mode.Loopback) || frame.Length > 8 || !TransmitBufferFree())
            {
                SendsRefused++;
                return false;
            }
            uint id = frame.Id;
            _write[0] = Mcp2515Instructions.LoadTxBuffer;
            if (frame.IsExtended)
            {
                _write[1] = (byte)(id >> 21);
                _write[2] = (byte)((((id >> 18) & 0x07) << 5) | Mcp2515Registers.ExtendedIdFlag | ((id >> 16) & 0x03));
                _write[3] = (byte)(id >> 8);
                _write[4] = (byte)id;
            }
            else
            {
                _write[1] = (byte)(id >> 3);
                _write[2] = (byte)((id & 0x07) << 5);
                _write[3] = 0;
                _write[4] = 0;
            }
            _write[5] = (byte)frame.Length;
            System.Array.Copy(frame.Data, 0, _write, 6, frame.Length);
            _spi.Transfer(_write, _read, 6 + frame.Length);
            _write[0] = Mcp2515Instructions.RequestToSend | 0x01;
            _spi.Transfer(_write, _read, 1);
            FramesSent++;
            return true;
        }

        public bool Receive(CanFrame frame, int timeoutMilliseconds)
        {
            long deadline = _clock.MonotonicMilliseconds + (timeoutMilliseconds < 0 ? 0 : timeoutMilliseconds);
            while (true)
            {
                if (_restartAt >= 0 && _clock.MonotonicMilliseconds >= _restartAt)
                {
                    Restart();
                }
                if (_holding)
                {
                    _holding = false;
                    _held.CopyTo(frame);
                    FramesReceived++;
                    return true;
                }
                if (_restartAt < 0 && _interrupt.IsAsserted && Service(frame))
                {
                    FramesReceived++;
                    return true;
                }
                long left = deadline - _clock.MonotonicMilliseconds;
                if (left <= 0)
                {
                    return false;
                }
                _interrupt.WaitAsserted((int)left);
            }
        }

        /// <summary>Takes one frame if a receive buffer holds one; handles error flags on the way.</summary>
        private bool Service(CanFrame frame)
        {
            byte flags = ReadRegister(Mcp2515Registers.CANINTF);
            if ((flags & (Mcp2515Registers.Error | Mcp2515Registers.MessageError)) != 0)
            {
                if (HandleErrors(flags))
                {
                    // The chip was set up again (bus-off): its buffers were cleared with it.
                    return false;
                }
            }
            if ((flags & Mcp2515Registers.Rx0) != 0)
            {
                ReadReceiveBuffer(0, frame);
                if ((flags & Mcp2515Registers.Rx1) != 0)
                {
                    ReadReceiveBuffer(1, _held);
                    _holding = true;
                }
                return true;
            }
            if ((flags & Mcp2515Registers.Rx1) != 0)
            {
                ReadReceiveBuffer(1, frame);
                return true;
            }
            return false;
        }

        /// <summary>Counts and clears the error flags; true when a bus-off made the driver set the chip up again.</summary>
        private bool HandleErrors(byte flags)
        {
            if ((flags & Mcp2515Registers.MessageError) != 0)
            {
                MessageErrors++;
            }
            byte clear = (byte)(flags & (Mcp2515Registers.Error | Mcp2515Registers.MessageError));
            if ((flags & Mcp2515Registers.Error) == 0)
            {
                BitModify(Mcp2515Registers.CANINTF, clear, 0);
                return false;
            }
            byte errors = ReadRegister(Mcp2515Registers.EFLG);
            TransmitErrorCount = ReadRegister(Mcp2515Registers.TEC);
            ReceiveErrorCount = ReadRegister(Mcp2515Registers.REC);
            byte overflows = (byte)(errors & (Mcp2515Registers.Rx0Overflow | Mcp2515Registers.Rx1Overflow));
            if ((overflows & Mcp2515Registers.Rx0Overflow) != 0)
            {
                ReceiveOverflows++;
            }
            if ((overflows & Mcp2515Registers.Rx1Overflow) != 0)
            {
                ReceiveOverflows++;
            }
            if (overflows != 0)
            {
                BitModify(Mcp2515Registers.EFLG, overflows, 0);
            }
            byte passive = Mcp2515Registers.TxErrorPassive | Mcp2515Registers.RxErrorPassive;
            if ((errors & passive) != 0 && (_lastErrorFlags & passive) == 0)
            {
                ErrorPassiveEvents++;
            }
            if ((errors & Mcp2515Registers.ErrorWarning) != 0 && (_lastErrorFlags & Mcp2515Registers.ErrorWarning) == 0)
            {
                ErrorWarnings++;
            }
            _lastErrorFlags = (byte)(errors & ~overflows);
            BitModify(Mcp2515Registers.CANINTF, clear, 0);
            if ((errors & Mcp2515Registers.TxBusOff) != 0)
            {
                BusOffEvents++;
                Restart();
                return true;
            }
            return false;
        }

        /// <summary>Sets the chip up again as <see cref="Start"/> did (after bus-off); on failure retries later.</summary>
        private void Restart()
        {
            if (_settings == null)
            {
                // Only bit-rate detection ran: there is no setup to return to.
                _restartAt = -1;
                return;
            }
            try
            {
                Start(_settings);
                _lastErrorFlags = 0;
                BusOffRecoveries++;
            }
            catch (Mcp2515Exception)
            {
                RecoveryFailures++;
                _restartAt = _clock.MonotonicMilliseconds + RestartRetryMilliseconds;
            }
        }

        private bool ListensCleanly(int listenMilliseconds)
        {
            long deadline = _clock.MonotonicMilliseconds + listenMilliseconds;
            int frames = 0;
            while (frames < 8)
            {
                if (!_interrupt.IsAsserted)
                {
                    long left = deadline - _clock.MonotonicMilliseconds;
                    if (left <= 0)
                    {
                        break;
                    }
                    _interrupt.WaitAsserted((int)left);
                    continue;
                }
                byte flags = ReadRegister(Mcp2515Registers.CANINTF);
                if ((flags & Mcp2515Registers.MessageError) != 0)
                {
                    MessageErrors++;
                    return false;
                }
                if ((flags & (Mcp2515Registers.Rx0 | Mcp2515Registers.Rx1)) != 0)
                {
                    ReadReceiveBuffer((flags & Mcp2515Registers.Rx0) != 0 ? 0 : 1, _probe);
                    frames++;
                }
                if ((flags & Mcp2515Registers.Error) != 0)
                {
                    BitModify(Mcp2515Registers.CANINTF, Mcp2515Registers.Error, 0);
                }
            }
            return frames > 0;
        }

        private void Configure(Mcp2515BitTiming timing, uint[] filterWords, Mcp2515Mode mode)
        {
            _write[0] = Mcp2515Instructions.Reset;
            _spi.Transfer(_write, _read, 1);
            Mode = Mcp2515Mode.Configuration;
            AwaitReset();
            WriteChecked(Mcp2515Registers.CNF1, timing.Cnf1);
            WriteChecked(Mcp2515Registers.CNF2, timing.Cnf2);
            WriteChecked(Mcp2515Registers.CNF3, timing.Cnf3);
            if (filterWords != null)
            {
                WriteWord(Mcp2515Registers.RXM0SIDH, filterWords[0]);
                WriteWord(Mcp2515Registers.RXM1SIDH, filterWords[1]);
                for (int f = 0; f < 6; f++)
                {
                    WriteWord(Mcp2515Registers.FilterAddress(f), filterWords[2 + f]);
                }
            }
            // After a reset masks are 0: every frame passes. RXM = 00 uses the filters; BUKT rolls buffer 0 over into 1.
            WriteRegister(Mcp2515Registers.RXB0CTRL, Mcp2515Registers.Rollover);
            WriteRegister(Mcp2515Registers.RXB1CTRL, 0);
            WriteRegister(Mcp2515Registers.CANINTF, 0);
            WriteChecked(Mcp2515Registers.CANINTE, EnabledInterrupts);
            Timing = timing;
            _lastErrorFlags = 0;
            _holding = false;
            SetMode(mode);
        }

        private void AwaitReset()
        {
            long deadline = _clock.MonotonicMilliseconds + ModeChangeMilliseconds;
            byte status = 0;
            byte control = 0;
            for (int attempt = 0; attempt < ModeChangeAttempts || _clock.MonotonicMilliseconds < deadline; attempt++)
            {
                status = ReadRegister(Mcp2515Registers.CANSTAT);
                control = ReadRegister(Mcp2515Registers.CANCTRL);
                if ((status & Mcp2515Registers.ModeMask) == (byte)Mcp2515Mode.Configuration && control == Mcp2515Registers.CanCtrlAfterReset)
                {
                    return;
                }
            }
            if (status == control && (status == 0x00 || status == 0xFF))
            {
                throw NotAnswering("CANSTAT", status);
            }
            throw new Mcp2515Exception(Mcp2515Fault.ModeNotReached,
                "the MCP2515 did not come out of reset into configuration mode (CANSTAT 0x" + status.ToString("X2") + ", CANCTRL 0x"
                + control.ToString("X2") + ", expected 0x80 and 0x87): check its crystal and the SPI mode (0,0)");
        }

        private static Mcp2515Exception NotAnswering(string register, byte value)
        {
            return new Mcp2515Exception(Mcp2515Fault.NotAnswering,
                "the MCP2515 does not answer on SPI (" + register + " reads 0x" + value.ToString("X2")
                + " after a reset): check the wiring of SCK, MOSI, MISO and CS, the chip's supply, and the pins the board passes in");
        }

        private static string ModeName(Mcp2515Mode mode)
        {
            switch (mode)
            {
                case Mcp2515Mode.Normal: return "normal";
                case Mcp2515Mode.Sleep: return "sleep";
                case Mcp2515Mode.Loopback: return "loopback";
                case Mcp2515Mode.ListenOnly: return "listen-only";
                default: return "configuration";
            }
        }

        private bool TransmitBufferFree()
        {
            long deadline = _clock.MonotonicMilliseconds + 2;
            for (int attempt = 0; attempt < 4 || _clock.MonotonicMilliseconds < deadline; attempt++)
            {
                _write[0] = Mcp2515Instructions.ReadStatus;
                _write[1] = 0;
                _spi.Transfer(_write, _read, 2);
                if ((_read[1] & 0x04) == 0)
                {
                    return true;
                }
            }
            return false;
        }

        private void ReadReceiveBuffer(int buffer, CanFrame frame)
        {
            _write[0] = (byte)(Mcp2515Instructions.ReadRxBuffer | (buffer << 2));
            for (int i = 1; i <= BufferBytes; i++)
            {
                _write[i] = 0;
            }
            _spi.Transfer(_write, _read, 1 + BufferBytes);
            byte sidh = _read[1];
            byte sidl = _read[2];
            uint sid = (uint)((sidh << 3) | (sidl >> 5));
            bool extended = (sidl & Mcp2515Registers.ExtendedIdFlag) != 0;
            frame.IsExtended = extended;
            frame.Id = extended ? (sid << 18) | ((uint)(sidl & 0x03) << 16) | ((uint)_read[3] << 8) | _read[4] : sid;
            int length = _read[5] & 0x0F;
            if ((_read[5] & Mcp2515Registers.RemoteFlag) != 0)
            {
                length = 0;
            }
            frame.Length = length > 8 ? 8 : length;
            System.Array.Copy(_read, 6, frame.Data, 0, frame.Length);
        }

        private byte ReadRegister(byte address)
        {
            _write[0] = Mcp2515Instructions.Read;
            _write[1] = address;
            _write[2] = 0;
            _spi.Transfer(_write, _read, 3);
            return _read[2];
        }

        private void WriteRegister(byte address, byte value)
        {
            _write[0] = Mcp2515Instructions.Write;
            _write[1] = address;
            _write[2] = value;
            _spi.Transfer(_write, _read, 3);
        }

        private void WriteChecked(byte address, byte value)
        {
            WriteRegister(address, value);
            byte back = ReadRegister(address);
            if (back == value)
            {
                return;
            }
            if (back == 0x00 || back == 0xFF)
            {
                throw NotAnswering("register 0x" + address.ToString("X2"), back);
            }
            throw new Mcp2515Exception(Mcp2515Fault.WriteNotKept,
                "the MCP2515 kept 0x" + back.ToString("X2") + " in register 0x" + address.ToString("X2") + " after 0x" + value.ToString("X2")
                + " was written: check the SPI clock (at most 10 MHz) and the chip select line");
        }

        private void WriteWord(byte address, uint word)
        {
            Mcp2515Filters.Encode(word, _filterBytes, 0);
            _write[0] = Mcp2515Instructions.Write;
            _write[1] = address;
            System.Array.Copy(_filterBytes, 0, _write, 2, 4);
            _spi.Transfer(_write, _read, 6);
        }

        private void BitModify(byte address, byte mask, byte value)
        {
            _write[0] = Mcp2515Instructions.BitModify;
            _write[1] = address;
            _write[2] = mask;
            _write[3] = value;
            _spi.Transfer(_write, _read, 4);
        }
    }
}
