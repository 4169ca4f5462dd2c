using Dimo.Core.Signals;

namespace Dimo.Core.Obd.Pids
{
    /// <summary>
    /// Every SAE J1979 service-01 PID of shared/docs/obd/pids.csv with its formula as numbers (see
    /// <see cref="PidValue"/>) and the catalog signal it reports as. A test checks this table against the CSV.
    /// </summary>
    public static class PidTable
    {
        private static readonly PidDefinition[] Definitions = new PidDefinition[]
        {
            Bits(0x00, "PIDs supported [01-20]", 4),
            Bits(0x01, "Monitor status since DTCs cleared (MIL status; DTC count)", 4),
            Bits(0x02, "Freeze DTC", 2),
            Bits(0x03, "Fuel system status", 2),
            One(0x04, "Calculated engine load", 1, "%", 100, 255, 0, "obdEngineLoad"),
            One(0x05, "Engine coolant temperature", 1, "degC", 1, 1, -40, "powertrainCombustionEngineECT"),
            One(0x06, "Short term fuel trim - Bank 1", 1, "%", 100, 128, -100, "obdShortTermFuelTrim1"),
            One(0x07, "Long term fuel trim - Bank 1", 1, "%", 100, 128, -100, "obdLongTermFuelTrim1"),
            One(0x08, "Short term fuel trim - Bank 2", 1, "%", 100, 128, -100, "obdShortTermFuelTrim2"),
            One(0x09, "Long term fuel trim - Bank 2", 1, "%", 100, 128, -100, "obdLongTermFuelTrim2"),
            One(0x0A, "Fuel pressure (gauge)", 1, "kPa", 3, 1, 0, "obdFuelPressure"),
            One(0x0B, "Intake manifold absolute pressure", 1, "kPa", 1, 1, 0, "obdMAP"),
            One(0x0C, "Engine speed", 2, "rpm", 1, 4, 0, "powertrainCombustionEngineSpeed"),
            One(0x0D, "Vehicle speed", 1, "km/h", 1, 1, 0, "speed"),
            One(0x0E, "Timing advance", 1, "deg before TDC", 1, 2, -64, "obdTimingAdvance"),
            One(0x0F, "Intake air temperature", 1, "degC", 1, 1, -40, "obdIntakeTemp"),
            One(0x10, "Mass air flow sensor air flow rate", 2, "g/s", 1, 100, 0, "powertrainCombustionEngineMAF"),
            One(0x11, "Throttle position", 1, "%", 100, 255, 0, "powertrainCombustionEngineTPS"),
            Bits(0x12, "Commanded secondary air status", 1),
            Bits(0x13, "Oxygen sensors present (2 banks)", 1),
            OxygenSensorVoltageAndTrim(0x14, "Oxygen sensor 1 (bank 1 sensor 1): voltage; short term fuel trim"),
            OxygenSensorVoltageAndTrim(0x15, "Oxygen sensor 2 (bank 1 sensor 2): voltage; short term fuel trim"),
            Bits(0x1C, "OBD standards this vehicle conforms to", 1),
            One(0x1F, "Run time since engine start", 2, "s", 1, 1, 0, "obdRunTime"),
            Bits(0x20, "PIDs supported [21-40]", 4),
            One(0x21, "Distance traveled with malfunction indicator lamp (MIL) on", 2, "km", 1, 1, 0, "obdDistanceWithMIL"),
            One(0x22, "Fuel rail pressure (relative to manifold vacuum)", 2, "kPa", 79, 1000, 0, "obdFuelRailPressureVac"),
            One(0x23, "Fuel rail gauge pressure (diesel or gasoline direct injection)", 2, "kPa", 10, 1, 0, "obdFuelRailPressureDirect"),
            new PidDefinition(0x24, "Oxygen sensor 1: air-fuel equivalence ratio (lambda); voltage", 4, new PidValue[]
            {
                V("ratio", 0, 2, 2, 65536, 0, null),
                V("V", 2, 2, 8, 65536, 0, null),
            }),
            One(0x2C, "Commanded EGR", 1, "%", 100, 255, 0, "obdCommandedEGR"),
            One(0x2D, "EGR error", 1, "%", 100, 128, -100, null),
            One(0x2E, "Commanded evaporative purge", 1, "%", 100, 255, 0, "obdCommandedEVAP"),
            One(0x2F, "Fuel tank level input", 1, "%", 100, 255, 0, "powertrainFuelSystemRelativeLevel"),
            One(0x30, "Warm-ups since codes cleared", 1, "count", 1, 1, 0, "obdWarmupsSinceDTCClear"),
            One(0x31, "Distance traveled since codes cleared", 2, "km", 1, 1, 0, "obdDistanceSinceDTCClear"),
            new PidDefinition(0x32, "Evap. system vapor pressure", 2, new PidValue[]
            {
                new PidValue("Pa", 0, 2, true, 1, 4, 0, Signal("obdEvapVaporPressure")),
            }),
            One(0x33, "Absolute barometric pressure", 1, "kPa", 1, 1, 0, "obdBarometricPressure"),
            new PidDefinition(0x34, "Oxygen sensor 1: air-fuel equivalence ratio (lambda); current", 4, new PidValue[]
            {
                V("ratio", 0, 2, 2, 65536, 0, null),
                V("mA", 2, 2, 1, 256, -128, null),
            }),
            One(0x3C, "Catalyst temperature: Bank 1 Sensor 1", 2, "degC", 1, 10, -40, "obdCatalystTemperatureBank1Sensor1"),
            One(0x3D, "Catalyst temperature: Bank 2 Sensor 1", 2, "degC", 1, 10, -40, null),
            One(0x3E, "Catalyst temperature: Bank 1 Sensor 2", 2, "degC", 1, 10, -40, null),
            One(0x3F, "Catalyst temperature: Bank 2 Sensor 2", 2, "degC", 1, 10, -40, null),
            Bits(0x40, "PIDs supported [41-60]", 4),
            Bits(0x41, "Monitor status this drive cycle", 4),
            One(0x42, "Control module voltage", 2, "V", 1, 1000, 0, "lowVoltageBatteryCurrentVoltage"),
            One(0x43, "Absolute load value", 2, "%", 100, 255, 0, "obdAbsoluteLoad"),
            One(0x44, "Commanded air-fuel equivalence ratio (lambda)", 2, "ratio", 2, 65536, 0, "obdCommandedLambda"),
            One(0x45, "Relative throttle position", 1, "%", 100, 255, 0, "obdRelativeThrottlePosition"),
            One(0x46, "Ambient air temperature", 1, "degC", 1, 1, -40, "exteriorAirTemperature"),
            One(0x47, "Absolute throttle position B", 1, "%", 100, 255, 0, "obdThrottlePositionB"),
            One(0x48, "Absolute throttle position C", 1, "%", 100, 255, 0, null),
            One(0x49, "Accelerator pedal position D", 1, "%", 100, 255, 0, "obdAcceleratorPositionD"),
            One(0x4A, "Accelerator pedal position E", 1, "%", 100, 255, 0, "obdAcceleratorPositionE"),
            One(0x4B, "Accelerator pedal position F", 1, "%", 100, 255, 0, null),
            One(0x4C, "Commanded throttle actuator", 1, "%", 100, 255, 0, "obdThrottleActuator"),
            One(0x4D, "Time run with MIL on", 2, "min", 1, 1, 0, "obdRunTimeMIL"),
            One(0x4E, "Time since trouble codes cleared", 2, "min", 1, 1, 0, "obdTimeSinceDTCCleared"),
            new PidDefinition(0x4F, "Maximum value for equivalence ratio; O2 sensor voltage; O2 sensor current; intake manifold absolute pressure", 4, new PidValue[]
            {
                V("ratio", 0, 1, 1, 1, 0, null),
                V("V", 1, 1, 1, 1, 0, null),
                V("mA", 2, 1, 1, 1, 0, null),
                V("kPa", 3, 1, 10, 1, 0, null),
            }),
            new PidDefinition(0x50, "Maximum value for air flow rate from mass air flow sensor", 4, new PidValue[]
            {
                V("g/s", 0, 1, 10, 1, 0, null),
            }),
            Bits(0x51, "Fuel type", 1),
            One(0x52, "Ethanol fuel %", 1, "%", 100, 255, 0, "obdEthanolPercent"),
            One(0x53, "Absolute evap system vapor pressure", 2, "kPa", 1, 200, 0, null),
            One(0x54, "Evap system vapor pressure", 2, "Pa", 1, 1, -32767, null),
            SecondaryOxygenTrims(0x55, "Short term secondary oxygen sensor trim: A bank 1; B bank 3"),
            SecondaryOxygenTrims(0x56, "Long term secondary oxygen sensor trim: A bank 1; B bank 3"),
            SecondaryOxygenTrims(0x57, "Short term secondary oxygen sensor trim: A bank 2; B bank 4"),
            SecondaryOxygenTrims(0x58, "Long term secondary oxygen sensor trim: A bank 2; B bank 4"),
            One(0x59, "Fuel rail absolute pressure", 2, "kPa", 10, 1, 0, "obdFuelRailPressureAbsolute"),
            One(0x5A, "Relative accelerator pedal position", 1, "%", 100, 255, 0, "obdRelativeAcceleratorPosition"),
            One(0x5B, "Hybrid battery pack remaining life", 1, "%", 100, 255, 0, "powertrainTractionBatteryStateOfChargeCurrent"),
            One(0x5C, "Engine oil temperature", 1, "degC", 1, 1, -40, "powertrainCombustionEngineEOT"),
            One(0x5D, "Fuel injection timing", 2, "deg", 1, 128, -210, "obdFuelInjectionTiming"),
            One(0x5E, "Engine fuel rate", 2, "L/h", 1, 20, 0, "obdFuelRate"),
            Bits(0x5F, "Emission requirements to which vehicle is designed", 1),
            Bits(0x60, "PIDs supported [61-80]", 4),
            One(0x61, "Driver's demand engine - percent torque", 1, "%", 1, 1, -125, "obdDriverDemandEnginePercentTorque"),
            One(0x62, "Actual engine - percent torque", 1, "%", 1, 1, -125, "obdActualEnginePercentTorque"),
            One(0x63, "Engine reference torque", 2, "N.m", 1, 1, 0, "obdEngineReferenceTorque"),
            Bits(0x80, "PIDs supported [81-A0]", 4),
            Bits(0xA0, "PIDs supported [A1-C0]", 4),
            One(0xA6, "Odometer", 4, "km", 1, 10, 0, "powertrainTransmissionTravelledDistance"),
        };

        /// <summary>Every PID in ascending order. The array is shared: do not modify it.</summary>
        public static PidDefinition[] All
        {
            get { return Definitions; }
        }

        /// <summary>The definition of a PID, or null when the table does not know it.</summary>
        public static PidDefinition Find(int pid)
        {
            for (int i = 0; i < Definitions.Length; i++)
            {
                if (Definitions[i].Pid == pid)
                {
                    return Definitions[i];
                }
            }
            return null;
        }

        /// <summary>True for the supported-PID bitmap PIDs 0x00, 0x20, 0x40, ... 0xE0.</summary>
        public static bool IsSupportBitmap(int pid)
        {
            return (pid & 0x1F) == 0 && pid >= 0 && pid <= 0xE0;
        }

        private static PidDefinition Bits(int pid, string name, int dataLength)
        {
            return new PidDefinition(pid, name, dataLength, null);
        }

        private static PidDefinition One(int pid, string name, int dataLength, string unit, long numerator, long denominator, long offset, string signal)
        {
            return new PidDefinition(pid, name, dataLength, new PidValue[] { V(unit, 0, dataLength, numerator, denominator, offset, signal) });
        }

        private static PidDefinition OxygenSensorVoltageAndTrim(int pid, string name)
        {
            return new PidDefinition(pid, name, 2, new PidValue[]
            {
                V("V", 0, 1, 1, 200, 0, null),
                V("%", 1, 1, 100, 128, -100, null),
            });
        }

        private static PidDefinition SecondaryOxygenTrims(int pid, string name)
        {
            return new PidDefinition(pid, name, 2, new PidValue[]
            {
                V("%", 0, 1, 100, 128, -100, null),
                V("%", 1, 1, 100, 128, -100, null),
            });
        }

        private static PidValue V(string unit, int byteOffset, int byteCount, long numerator, long denominator, long offset, string signal)
        {
            return new PidValue(unit, byteOffset, byteCount, false, numerator, denominator, offset, signal == null ? 0 : Signal(signal));
        }

        private static int Signal(string name)
        {
            int id = SignalCatalog.IdOf(name);
            if (id == 0)
            {
                throw new System.InvalidOperationException("PID table names an unknown signal: " + name);
            }
            return id;
        }
    }
}
