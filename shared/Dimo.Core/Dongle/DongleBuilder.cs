using Dimo.Core.Can;
using Dimo.Core.Can.Mcp2515;
using Dimo.Core.Dongle.Config;
using Dimo.Core.Obd;
using Dimo.Core.Obd.IsoTp;
using Dimo.Core.Time;

namespace Dimo.Core.Dongle
{
    /// <summary>
    /// Wires one dongle the same way on the ESP32 and in the simulator: the CAN bus (an MCP2515 set up by
    /// <see cref="Mcp2515Controller"/>, or a bus given as it is), the decoder table, the OBD poller on the same
    /// bus, and the loop that signs, spools and publishes. Frames reach the loop by two doors: the loop reads the
    /// bus between polls, and the ISO-TP client hands over the car's own frames that arrive while it waits for an
    /// answer. The chip transmits only when OBD polling is on; otherwise it stays listen-only. The acceptance
    /// filters are the table's (planned in the cloud with the OBD answers when the vehicle is polled); if
    /// polling is on and they would drop an answer, every frame is received instead (<see cref="FiltersOpened"/>).
    /// Call <see cref="StartCan"/> alone to bring up the bus, or <see cref="Build"/> for the whole loop.
    /// </summary>
    public sealed class DongleBuilder
    {
        private readonly IClock _clock;
        private ICanBus _bus;
        private ISpiPort _spi;
        private IInterruptLine _interrupt;
        private int _oscillatorHz;
        private int _bitRate;
        private DecoderTable _table;
        private PollTemplate _template;
        private IsoTpAddressing _addressing;
        private IsoTpSettings _isoTpSettings;
        private IKeyStore _keys;
        private Spool _spool;
        private IUplink _uplink;
        private bool _canStarted;
        private IConfigStorage _configStorage;
        private byte[] _configSigner;
        private IConfigInbox _configInbox;
        private ConfigApplier _config;
        private IsoTpClient _client;
        private DongleLoop _loop;

        public DongleBuilder(IClock clock)
        {
            if (clock == null)
            {
                throw new System.ArgumentNullException("clock");
            }
            _clock = clock;
        }

        public int MaxReadingsPerBatch = 1024;
        public int BatchIntervalMilliseconds = 20000;
        public int SampleIntervalMilliseconds = 1000;
        public int MaxFramesPerStep = 256;

        /// <summary>How long bit-rate detection listens at each candidate rate.</summary>
        public int BitRateDetectionMilliseconds = 1000;

        /// <summary>The rate used when detection hears nothing (a parked car's bus is often silent): OBD-II's usual 500 kbit/s.</summary>
        public int FallbackBitRate = 500000;

        /// <summary>The MCP2515 driver, once <see cref="StartCan"/> has set it up; null with a bus given as it is.</summary>
        public Mcp2515Controller Controller { get; private set; }

        /// <summary>The bit rate in use (detected, given, or the fallback); 0 with a bus given as it is.</summary>
        public int BitRate { get; private set; }

        /// <summary>True when bit-rate detection found the rate; false when it fell back or was not asked for.</summary>
        public bool BitRateDetected { get; private set; }

        /// <summary>True when the table's filters would have dropped OBD answers, so the chip receives every frame.</summary>
        public bool FiltersOpened { get; private set; }

        /// <summary>The OBD poller <see cref="Build"/> made; null without <see cref="PollObd"/>.</summary>
        public ObdPoller Poller { get; private set; }

        /// <summary>A CAN bus that needs no set-up (the simulator's virtual bus).</summary>
        public DongleBuilder UseCanBus(ICanBus bus)
        {
            _bus = bus;
            _spi = null;
            return this;
        }

        /// <summary>An MCP2515 on <paramref name="spi"/> with its INT pin; <paramref name="bitRate"/> 0 detects the car's rate.</summary>
        public DongleBuilder UseMcp2515(ISpiPort spi, IInterruptLine interrupt, int oscillatorHz, int bitRate)
        {
            if (spi == null || interrupt == null)
            {
                throw new System.ArgumentNullException(spi == null ? "spi" : "interrupt");
            }
            _spi = spi;
            _interrupt = interrupt;
            _oscillatorHz = oscillatorHz;
            _bitRate = bitRate;
            _bus = null;
            return this;
        }

        /// <summary>Decodes the car's passive traffic with this vehicle's table.</summary>
        public DongleBuilder DecodeWith(DecoderTable table)
        {
            _table = table;
            return this;
        }

        /// <summary>Polls the car over OBD-II (ISO-TP on the same bus); this lets the chip transmit.</summary>
        public DongleBuilder PollObd(PollTemplate template, IsoTpAddressing addressing, IsoTpSettings settings)
        {
            if (template == null || addressing == null || settings == null)
            {
                throw new System.ArgumentNullException(template == null ? "template" : addressing == null ? "addressing" : "settings");
            }
            _template = template;
            _addressing = addressing;
            _isoTpSettings = settings;
            return this;
        }

        /// <summary>
        /// Takes its poll template and decoder table from the cloud: what an earlier boot applied is restored from
        /// <paramref name="storage"/> (the template and table given to <see cref="PollObd"/> and <see cref="DecodeWith"/>
        /// are the built-ins until then), and messages from <paramref name="inbox"/> are applied by the loop. Decoder
        /// tables must be signed by <paramref name="operatorAddress"/> (20 bytes; null accepts templates only).
        /// </summary>
        public DongleBuilder ConfigureFrom(IConfigStorage storage, IConfigInbox inbox, byte[] operatorAddress)
        {
            if (storage == null || inbox == null)
            {
                throw new System.ArgumentNullException(storage == null ? "storage" : "inbox");
            }
            _configStorage = storage;
            _configInbox = inbox;
            _configSigner = operatorAddress;
            return this;
        }

        /// <summary>The config applier (after <see cref="StartCan"/> or <see cref="Build"/> with <see cref="ConfigureFrom"/>); null otherwise.</summary>
        public ConfigApplier Config
        {
            get { return _config; }
        }

        /// <summary>Where sealed batches go: signed with <paramref name="keys"/>, kept in <paramref name="spool"/>, sent by <paramref name="uplink"/>.</summary>
        public DongleBuilder PublishWith(IKeyStore keys, Spool spool, IUplink uplink)
        {
            _keys = keys;
            _spool = spool;
            _uplink = uplink;
            return this;
        }

        /// <summary>
        /// Brings the bus up (once): with an MCP2515, detects the bit rate if asked, then starts the chip with the
        /// filters and mode described above. Throws <see cref="Mcp2515Exception"/> when the chip does not answer.
        /// </summary>
        public ICanBus StartCan()
        {
            if (_canStarted)
            {
                return _bus;
            }
            RestoreConfig();
            if (_spi == null)
            {
                if (_bus == null)
                {
                    throw new System.InvalidOperationException("no CAN bus: call UseCanBus or UseMcp2515 first");
                }
                _canStarted = true;
                return _bus;
            }
            Mcp2515Controller controller = new Mcp2515Controller(_spi, _interrupt, _clock);
            int rate = _bitRate;
            if (rate == 0)
            {
                rate = controller.DetectBitRate(_oscillatorHz, BitRateDetectionMilliseconds);
                BitRateDetected = rate != 0;
                if (rate == 0)
                {
                    rate = FallbackBitRate;
                }
            }
            bool polling = _template != null;
            bool opened;
            Mcp2515Settings settings = new Mcp2515Settings();
            settings.OscillatorHz = _oscillatorHz;
            settings.BitRate = rate;
            settings.Transmit = polling;
            settings.FilterWords = Mcp2515Filters.ForDongle(_table == null ? null : _table.AcceptanceFilterWords, polling,
                polling && _addressing.IsExtended, out opened);
            controller.Start(settings);
            FiltersOpened = opened;
            BitRate = rate;
            Controller = controller;
            _bus = controller;
            _canStarted = true;
            return _bus;
        }

        /// <summary>The dongle's loop with everything given attached; the CAN bus is started first if it was not.</summary>
        public DongleLoop Build()
        {
            if (_keys == null || _spool == null || _uplink == null)
            {
                throw new System.InvalidOperationException("nothing to publish with: call PublishWith first");
            }
            RestoreConfig();
            ICanBus bus = _bus == null && _spi == null ? null : StartCan();
            DongleLoop loop = new DongleLoop(_clock, _keys, _spool, _uplink, MaxReadingsPerBatch);
            loop.BatchIntervalMilliseconds = BatchIntervalMilliseconds;
            loop.SampleIntervalMilliseconds = SampleIntervalMilliseconds;
            loop.MaxFramesPerStep = MaxFramesPerStep;
            if (bus != null && (_table != null || _config != null))
            {
                // Without a table yet, the bus is attached for a table a config may bring; nothing is read until then.
                loop.AttachCan(bus, _table == null ? null : new FrameDecoder(_table));
            }
            if (bus != null && _template != null)
            {
                _client = new IsoTpClient(bus, _clock, _addressing, _isoTpSettings);
                _client.OtherFrames = new CanFrameHandler(loop.OnCanFrame);
                _loop = loop;
                Poller = MakePoller(_template);
                loop.AttachObd(Poller);
            }
            if (_config != null)
            {
                loop.AttachConfig(_configInbox, _config, _client == null ? null : new PollerFactory(MakePoller));
            }
            return loop;
        }

        private ObdPoller MakePoller(PollTemplate template)
        {
            return new ObdPoller(_client, _clock, template, _loop);
        }

        /// <summary>
        /// Once, before the bus starts (its filters come from the table): what the cloud configured replaces the
        /// built-ins. A table applied later keeps the filters planned at boot until the next start of the chip.
        /// </summary>
        private void RestoreConfig()
        {
            if (_configStorage == null || _config != null)
            {
                return;
            }
            _config = new ConfigApplier(_configStorage, _configSigner, _template, _table);
            _config.Restore();
            if (_template != null)
            {
                _template = _config.Template;
            }
            _table = _config.Table;
        }
    }
}
