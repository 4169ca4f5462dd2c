namespace Dimo.Core.Signals
{
    /// <summary>
    /// The signals a dongle may report, with ids that never change. Names and units follow DIMO's
    /// VSS-derived names (../shared/signals/README.md). Id blocks: 1-55 the core set (OBD mode 01,
    /// location, battery, EV), 56-63 the dongle's own status (dimoAftermarket* like DIMO's other device signals),
    /// 64-95 signals added for CAN decoding, 96-127 further OBD signals;
    /// every id below 128 is a one-byte varint on the wire. An id that is retired stays reserved.
    /// </summary>
    /// <remarks>
    /// Stored as constant columns so the dongle holds no catalog objects (shared/docs/heap-budget.md): one
    /// <c>int[]</c> of rows (id, kind, step numerator, step denominator) for everything the device's loop and
    /// batch writer need, read by row index, and one string literal with every "name|unit" line in the same
    /// order, scanned in place. <see cref="SignalInfo"/> objects (<see cref="All"/>, <see cref="ById"/>,
    /// <see cref="ByName"/>) are built on first use, for the cloud and tools.
    /// </remarks>
    public static class SignalCatalog
    {
        private const int Number = (int)SignalKind.Number;
        private const int Text = (int)SignalKind.Text;
        private const int RowLength = 4;

        // id, kind, step numerator, step denominator; in id order. A signal is added here and to NamesAndUnits
        // at the same position.
        private static readonly int[] Rows = new int[]
        {
            1, Number, 1, 10,
            2, Number, 1, 10,
            3, Number, 1, 4,
            4, Number, 1, 1,
            5, Number, 1, 10,
            6, Number, 1, 1000,
            7, Number, 1, 10000000,
            8, Number, 1, 10000000,
            9, Number, 1, 10,
            10, Number, 1, 10,
            11, Number, 1, 10,
            12, Number, 1, 10,
            13, Number, 1, 1,
            14, Number, 1, 1,
            15, Number, 1, 1,
            16, Number, 1, 1,
            17, Number, 1, 100,
            18, Number, 1, 10,
            19, Number, 1, 10,
            20, Number, 1, 10,
            21, Number, 1, 1,
            22, Number, 1, 1,
            23, Number, 1, 1,
            24, Number, 1, 10,
            25, Number, 1, 10,
            26, Number, 1, 1,
            27, Number, 1, 1,
            28, Number, 1, 10,
            29, Number, 1, 1,
            30, Number, 1, 10,
            31, Number, 1, 1,
            32, Number, 1, 10,
            33, Number, 1, 1,
            34, Number, 1, 10,
            35, Number, 1, 1,
            36, Number, 1, 1,
            37, Number, 1, 1,
            38, Number, 1, 1,
            39, Number, 1, 10,
            40, Number, 1, 1,
            41, Number, 1, 1,
            42, Number, 1, 1,
            43, Number, 1, 1,
            44, Number, 1, 100,
            45, Number, 1, 1,
            46, Text, 1, 1,
            47, Text, 1, 1,
            48, Text, 1, 1,

            // 56-63: the dongle's status, carried in ordinary batches (shared/docs/spool-on-flash.md, power.md).
            56, Number, 1, 1,
            57, Number, 1, 1,
            58, Number, 1, 1,
            59, Text, 1, 1,
            60, Number, 1, 1,
            61, Text, 1, 1,
            62, Text, 1, 1,

            // Signals read from the car's own CAN traffic (DBC decoding). VSS 4.2 names, camelCase.
            64, Number, 1, 10,
            65, Number, 1, 100,
            66, Number, 1, 100,
            67, Number, 1, 100,
            68, Number, 1, 100,
            69, Number, 1, 1,
            70, Number, 1, 10,
            71, Number, 1, 1,
            72, Number, 1, 1,
            73, Number, 1, 1,
            74, Number, 1, 1,
            75, Number, 1, 1,
            76, Number, 1, 1,
            77, Number, 1, 100,
            78, Number, 1, 100,
            79, Number, 1, 1,
            80, Number, 1, 1,
            81, Number, 1, 1,
            82, Number, 1, 1,
            83, Number, 1, 1,
            84, Number, 1, 10,
            85, Number, 1, 1,
            86, Number, 1, 100,
            87, Number, 1, 1,
            88, Number, 1, 1,

            // 96-127: further OBD-II service-01 values (shared/docs/obd.md), named as VSS Vehicle.OBD.* in camelCase.
            96, Number, 1, 10,
            97, Number, 1, 10,
            98, Number, 1, 1,
            99, Number, 1, 2,
            100, Number, 79, 1000,
            101, Number, 10, 1,
            102, Number, 1, 4,
            103, Number, 1, 10,
            104, Number, 1, 10,
            105, Number, 1, 32768,
            106, Number, 1, 10,
            107, Number, 1, 10,
            108, Number, 1, 10,
            109, Number, 1, 10,
            110, Number, 1, 10,
            111, Number, 1, 1,
            112, Number, 1, 1,
            113, Number, 1, 10,
            114, Number, 10, 1,
            115, Number, 1, 10,
            // 116 stays free: it briefly duplicated 88 (powertrainCombustionEngineEOT), which PID 0x5C reports.
            117, Number, 1, 128,
            118, Number, 1, 20,
            119, Number, 1, 1,
            120, Number, 1, 1,
            121, Number, 1, 1,
        };

        // "name|unit" per row of Rows, in the same order. A constant: the text stays in the assembly.
        private const string NamesAndUnits = ""
            + "speed|km/h\n"
            + "powertrainTransmissionTravelledDistance|km\n"
            + "powertrainCombustionEngineSpeed|rpm\n"
            + "powertrainCombustionEngineECT|celsius\n"
            + "powertrainFuelSystemRelativeLevel|percent\n"
            + "lowVoltageBatteryCurrentVoltage|V\n"
            + "currentLocationLatitude|degrees\n"
            + "currentLocationLongitude|degrees\n"
            + "currentLocationAltitude|m\n"
            + "currentLocationHeading|degrees\n"
            + "exteriorAirTemperature|celsius\n"
            + "obdEngineLoad|percent\n"
            + "obdIntakeTemp|celsius\n"
            + "obdMAP|kPa\n"
            + "obdBarometricPressure|kPa\n"
            + "obdRunTime|s\n"
            + "powertrainCombustionEngineMAF|g/s\n"
            + "powertrainCombustionEngineTPS|percent\n"
            + "obdShortTermFuelTrim1|percent\n"
            + "obdLongTermFuelTrim1|percent\n"
            + "obdDistanceWithMIL|km\n"
            + "obdDistanceSinceDTCClear|km\n"
            + "obdWarmupsSinceDTCClear|count\n"
            + "obdCommandedEGR|percent\n"
            + "obdCommandedEVAP|percent\n"
            + "powertrainCombustionEngineTorque|Nm\n"
            + "powertrainCombustionEngineEngineOilRelativeLevel|percent\n"
            + "powertrainFuelSystemAbsoluteLevel|l\n"
            + "powertrainRange|km\n"
            + "powertrainTractionBatteryStateOfChargeCurrent|percent\n"
            + "isIgnitionOn|bool\n"
            + "dimoAftermarketHDOP|\n"
            + "dimoAftermarketNSAT|count\n"
            + "powertrainTractionBatteryGrossCapacity|kWh\n"
            + "powertrainTractionBatteryChargingIsCharging|bool\n"
            + "powertrainTractionBatteryChargingChargeLimit|percent\n"
            + "powertrainTractionBatteryCurrentPower|W\n"
            + "powertrainTractionBatteryRange|km\n"
            + "powertrainTractionBatteryStateOfHealth|percent\n"
            + "chassisAxleRow1WheelLeftTirePressure|kPa\n"
            + "chassisAxleRow1WheelRightTirePressure|kPa\n"
            + "chassisAxleRow2WheelLeftTirePressure|kPa\n"
            + "chassisAxleRow2WheelRightTirePressure|kPa\n"
            + "angularVelocityYaw|degrees/s\n"
            + "serviceDistanceToService|km\n"
            + "vin|\n"
            + "obdDTCList|\n"
            + "powertrainType|\n"

            // 56-63: the dongle's status, carried in ordinary batches (shared/docs/spool-on-flash.md, power.md).
            + "dimoAftermarketDroppedBatches|count\n"
            + "dimoAftermarketThinnedReadings|count\n"
            + "dimoAftermarketConfigVersion|\n"
            + "dimoAftermarketFirmwareVersion|\n"
            + "dimoAftermarketRebootCount|count\n"
            + "dimoAftermarketRebootReason|\n"
            + "dimoAftermarketPowerState|\n"

            // Signals read from the car's own CAN traffic (DBC decoding). VSS 4.2 names, camelCase.
            + "chassisSteeringWheelAngle|degrees\n"
            + "chassisAxleRow1WheelLeftSpeed|km/h\n"
            + "chassisAxleRow1WheelRightSpeed|km/h\n"
            + "chassisAxleRow2WheelLeftSpeed|km/h\n"
            + "chassisAxleRow2WheelRightSpeed|km/h\n"
            + "chassisBrakeIsPedalPressed|bool\n"
            + "chassisAcceleratorPedalPosition|percent\n"
            + "chassisParkingBrakeIsEngaged|bool\n"
            + "cabinDoorRow1DriverSideIsOpen|bool\n"
            + "cabinDoorRow1PassengerSideIsOpen|bool\n"
            + "cabinDoorRow2DriverSideIsOpen|bool\n"
            + "cabinDoorRow2PassengerSideIsOpen|bool\n"
            + "bodyTrunkRearIsOpen|bool\n"
            + "accelerationLongitudinal|m/s^2\n"
            + "accelerationLateral|m/s^2\n"
            + "bodyLightsBeamLowIsOn|bool\n"
            + "bodyLightsBeamHighIsOn|bool\n"
            + "bodyLightsDirectionIndicatorLeftIsSignaling|bool\n"
            + "bodyLightsDirectionIndicatorRightIsSignaling|bool\n"
            + "cabinSeatRow1DriverSideIsBelted|bool\n"
            + "adasCruiseControlSpeedSet|km/h\n"
            + "adasCruiseControlIsActive|bool\n"
            + "chassisSteeringWheelTorque|Nm\n"
            + "powertrainTransmissionCurrentGear|count\n"
            + "powertrainCombustionEngineEOT|celsius\n"

            // 96-127: further OBD-II service-01 values (shared/docs/obd.md), named as VSS Vehicle.OBD.* in camelCase.
            + "obdShortTermFuelTrim2|percent\n"
            + "obdLongTermFuelTrim2|percent\n"
            + "obdFuelPressure|kPa\n"
            + "obdTimingAdvance|degrees\n"
            + "obdFuelRailPressureVac|kPa\n"
            + "obdFuelRailPressureDirect|kPa\n"
            + "obdEvapVaporPressure|Pa\n"
            + "obdCatalystTemperatureBank1Sensor1|celsius\n"
            + "obdAbsoluteLoad|percent\n"
            + "obdCommandedLambda|ratio\n"
            + "obdRelativeThrottlePosition|percent\n"
            + "obdThrottlePositionB|percent\n"
            + "obdAcceleratorPositionD|percent\n"
            + "obdAcceleratorPositionE|percent\n"
            + "obdThrottleActuator|percent\n"
            + "obdRunTimeMIL|min\n"
            + "obdTimeSinceDTCCleared|min\n"
            + "obdEthanolPercent|percent\n"
            + "obdFuelRailPressureAbsolute|kPa\n"
            + "obdRelativeAcceleratorPosition|percent\n"
            // 116 stays free: it briefly duplicated 88 (powertrainCombustionEngineEOT), which PID 0x5C reports.
            + "obdFuelInjectionTiming|degrees\n"
            + "obdFuelRate|l/h\n"
            + "obdDriverDemandEnginePercentTorque|percent\n"
            + "obdActualEnginePercentTorque|percent\n"
            + "obdEngineReferenceTorque|Nm\n"
            ;

        private static readonly object BuildLock = new object();
        private static SignalInfo[] _signals;

        /// <summary>How many signals the catalog holds.</summary>
        public static int Count
        {
            get { return Rows.Length / RowLength; }
        }

        /// <summary>The highest id in the catalog.</summary>
        public static int HighestId
        {
            get { return Rows[Rows.Length - RowLength]; }
        }

        /// <summary>Every signal, in id order. The array is shared: do not modify it.</summary>
        public static SignalInfo[] All
        {
            get
            {
                SignalInfo[] signals = _signals;
                return signals != null ? signals : Build();
            }
        }

        /// <summary>The signal with this id, or null.</summary>
        public static SignalInfo ById(int id)
        {
            int row = RowOf(id);
            return row < 0 ? null : All[row];
        }

        /// <summary>The signal with this exact (case-sensitive) name, or null.</summary>
        public static SignalInfo ByName(string name)
        {
            int row = RowOfName(name);
            return row < 0 ? null : All[row];
        }

        /// <summary>The id of the signal with this exact (case-sensitive) name, or 0; builds no catalog objects.</summary>
        public static int IdOf(string name)
        {
            int row = RowOfName(name);
            return row < 0 ? 0 : Rows[row * RowLength];
        }

        /// <summary>The row of the signal with this id, or -1. Rows are in id order.</summary>
        internal static int RowOf(int id)
        {
            int low = 0;
            int high = Rows.Length / RowLength - 1;
            while (low <= high)
            {
                int middle = (low + high) / 2;
                int rowId = Rows[middle * RowLength];
                if (rowId == id)
                {
                    return middle;
                }
                if (rowId < id)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }
            return -1;
        }

        internal static bool IsText(int row)
        {
            return Rows[row * RowLength + 1] == Text;
        }

        internal static long StepNumerator(int row)
        {
            return Rows[row * RowLength + 2];
        }

        internal static long StepDenominator(int row)
        {
            return Rows[row * RowLength + 3];
        }

        private static int RowOfName(string name)
        {
            return name == null ? -1 : RowOfName(name, 0, name.Length);
        }

        /// <summary>The id of the signal named by <paramref name="length"/> characters of <paramref name="text"/> from <paramref name="start"/>, or 0; allocates nothing.</summary>
        internal static int IdOf(string text, int start, int length)
        {
            int row = RowOfName(text, start, length);
            return row < 0 ? 0 : Rows[row * RowLength];
        }

        private static int RowOfName(string name, int nameStart, int nameLength)
        {
            // One load of the constant per lookup (each ldstr may make a string object on nanoCLR).
            string lines = NamesAndUnits;
            int start = 0;
            for (int row = 0; start < lines.Length; row++)
            {
                int bar = lines.IndexOf('|', start);
                if (bar - start == nameLength && NameAt(lines, start, name, nameStart, nameLength))
                {
                    return row;
                }
                start = lines.IndexOf('\n', bar) + 1;
            }
            return -1;
        }

        private static bool NameAt(string lines, int start, string name, int nameStart, int nameLength)
        {
            for (int i = 0; i < nameLength; i++)
            {
                if (lines[start + i] != name[nameStart + i])
                {
                    return false;
                }
            }
            return true;
        }

        private static SignalInfo[] Build()
        {
            // Monitor.Enter/Exit, not lock: nanoFramework has no Monitor.Enter(object, ref bool).
            System.Threading.Monitor.Enter(BuildLock);
            try
            {
                if (_signals == null)
                {
                    SignalInfo[] signals = new SignalInfo[Count];
                    string lines = NamesAndUnits;
                    int start = 0;
                    for (int row = 0; row < signals.Length; row++)
                    {
                        int bar = lines.IndexOf('|', start);
                        int end = lines.IndexOf('\n', bar);
                        int at = row * RowLength;
                        signals[row] = new SignalInfo((ushort)Rows[at], lines.Substring(start, bar - start),
                            lines.Substring(bar + 1, end - bar - 1), (SignalKind)Rows[at + 1], Rows[at + 2], Rows[at + 3]);
                        start = end + 1;
                    }
                    if (start != lines.Length)
                    {
                        throw new System.InvalidOperationException("the catalog has more names than rows");
                    }
                    _signals = signals;
                }
                return _signals;
            }
            finally
            {
                System.Threading.Monitor.Exit(BuildLock);
            }
        }
    }
}
