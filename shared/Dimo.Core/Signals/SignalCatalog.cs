namespace Dimo.Core.Signals
{
    /// <summary>
    /// The signals a dongle may report, with ids that never change. Names and units follow DIMO's
    /// VSS-derived names (../shared/signals/README.md). Id blocks: 1-63 the core set (OBD mode 01,
    /// location, battery, EV), 64-95 signals added for CAN decoding, 96-127 further OBD signals;
    /// every id below 128 is a one-byte varint on the wire. An id that is retired stays reserved.
    /// </summary>
    public static class SignalCatalog
    {
        private static readonly SignalInfo[] Signals = new SignalInfo[]
        {
            N(1, "speed", "km/h", 1, 10),
            N(2, "powertrainTransmissionTravelledDistance", "km", 1, 10),
            N(3, "powertrainCombustionEngineSpeed", "rpm", 1, 4),
            N(4, "powertrainCombustionEngineECT", "celsius", 1, 1),
            N(5, "powertrainFuelSystemRelativeLevel", "percent", 1, 10),
            N(6, "lowVoltageBatteryCurrentVoltage", "V", 1, 1000),
            N(7, "currentLocationLatitude", "degrees", 1, 10000000),
            N(8, "currentLocationLongitude", "degrees", 1, 10000000),
            N(9, "currentLocationAltitude", "m", 1, 10),
            N(10, "currentLocationHeading", "degrees", 1, 10),
            N(11, "exteriorAirTemperature", "celsius", 1, 10),
            N(12, "obdEngineLoad", "percent", 1, 10),
            N(13, "obdIntakeTemp", "celsius", 1, 1),
            N(14, "obdMAP", "kPa", 1, 1),
            N(15, "obdBarometricPressure", "kPa", 1, 1),
            N(16, "obdRunTime", "s", 1, 1),
            N(17, "powertrainCombustionEngineMAF", "g/s", 1, 100),
            N(18, "powertrainCombustionEngineTPS", "percent", 1, 10),
            N(19, "obdShortTermFuelTrim1", "percent", 1, 10),
            N(20, "obdLongTermFuelTrim1", "percent", 1, 10),
            N(21, "obdDistanceWithMIL", "km", 1, 1),
            N(22, "obdDistanceSinceDTCClear", "km", 1, 1),
            N(23, "obdWarmupsSinceDTCClear", "count", 1, 1),
            N(24, "obdCommandedEGR", "percent", 1, 10),
            N(25, "obdCommandedEVAP", "percent", 1, 10),
            N(26, "powertrainCombustionEngineTorque", "Nm", 1, 1),
            N(27, "powertrainCombustionEngineEngineOilRelativeLevel", "percent", 1, 1),
            N(28, "powertrainFuelSystemAbsoluteLevel", "l", 1, 10),
            N(29, "powertrainRange", "km", 1, 1),
            N(30, "powertrainTractionBatteryStateOfChargeCurrent", "percent", 1, 10),
            N(31, "isIgnitionOn", "bool", 1, 1),
            N(32, "dimoAftermarketHDOP", "", 1, 10),
            N(33, "dimoAftermarketNSAT", "count", 1, 1),
            N(34, "powertrainTractionBatteryGrossCapacity", "kWh", 1, 10),
            N(35, "powertrainTractionBatteryChargingIsCharging", "bool", 1, 1),
            N(36, "powertrainTractionBatteryChargingChargeLimit", "percent", 1, 1),
            N(37, "powertrainTractionBatteryCurrentPower", "W", 1, 1),
            N(38, "powertrainTractionBatteryRange", "km", 1, 1),
            N(39, "powertrainTractionBatteryStateOfHealth", "percent", 1, 10),
            N(40, "chassisAxleRow1WheelLeftTirePressure", "kPa", 1, 1),
            N(41, "chassisAxleRow1WheelRightTirePressure", "kPa", 1, 1),
            N(42, "chassisAxleRow2WheelLeftTirePressure", "kPa", 1, 1),
            N(43, "chassisAxleRow2WheelRightTirePressure", "kPa", 1, 1),
            N(44, "angularVelocityYaw", "degrees/s", 1, 100),
            N(45, "serviceDistanceToService", "km", 1, 1),
            T(46, "vin"),
            T(47, "obdDTCList"),
            T(48, "powertrainType"),

            // Signals read from the car's own CAN traffic (DBC decoding). VSS 4.2 names, camelCase.
            N(64, "chassisSteeringWheelAngle", "degrees", 1, 10),
            N(65, "chassisAxleRow1WheelLeftSpeed", "km/h", 1, 100),
            N(66, "chassisAxleRow1WheelRightSpeed", "km/h", 1, 100),
            N(67, "chassisAxleRow2WheelLeftSpeed", "km/h", 1, 100),
            N(68, "chassisAxleRow2WheelRightSpeed", "km/h", 1, 100),
            N(69, "chassisBrakeIsPedalPressed", "bool", 1, 1),
            N(70, "chassisAcceleratorPedalPosition", "percent", 1, 10),
            N(71, "chassisParkingBrakeIsEngaged", "bool", 1, 1),
            N(72, "cabinDoorRow1DriverSideIsOpen", "bool", 1, 1),
            N(73, "cabinDoorRow1PassengerSideIsOpen", "bool", 1, 1),
            N(74, "cabinDoorRow2DriverSideIsOpen", "bool", 1, 1),
            N(75, "cabinDoorRow2PassengerSideIsOpen", "bool", 1, 1),
            N(76, "bodyTrunkRearIsOpen", "bool", 1, 1),
            N(77, "accelerationLongitudinal", "m/s^2", 1, 100),
            N(78, "accelerationLateral", "m/s^2", 1, 100),
            N(79, "bodyLightsBeamLowIsOn", "bool", 1, 1),
            N(80, "bodyLightsBeamHighIsOn", "bool", 1, 1),
            N(81, "bodyLightsDirectionIndicatorLeftIsSignaling", "bool", 1, 1),
            N(82, "bodyLightsDirectionIndicatorRightIsSignaling", "bool", 1, 1),
            N(83, "cabinSeatRow1DriverSideIsBelted", "bool", 1, 1),
            N(84, "adasCruiseControlSpeedSet", "km/h", 1, 10),
            N(85, "adasCruiseControlIsActive", "bool", 1, 1),
            N(86, "chassisSteeringWheelTorque", "Nm", 1, 100),
            N(87, "powertrainTransmissionCurrentGear", "count", 1, 1),
            N(88, "powertrainCombustionEngineEOT", "celsius", 1, 1),

            // 96-127: further OBD-II service-01 values (shared/docs/obd.md), named as VSS Vehicle.OBD.* in camelCase.
            N(96, "obdShortTermFuelTrim2", "percent", 1, 10),
            N(97, "obdLongTermFuelTrim2", "percent", 1, 10),
            N(98, "obdFuelPressure", "kPa", 1, 1),
            N(99, "obdTimingAdvance", "degrees", 1, 2),
            N(100, "obdFuelRailPressureVac", "kPa", 79, 1000),
            N(101, "obdFuelRailPressureDirect", "kPa", 10, 1),
            N(102, "obdEvapVaporPressure", "Pa", 1, 4),
            N(103, "obdCatalystTemperatureBank1Sensor1", "celsius", 1, 10),
            N(104, "obdAbsoluteLoad", "percent", 1, 10),
            N(105, "obdCommandedLambda", "ratio", 1, 32768),
            N(106, "obdRelativeThrottlePosition", "percent", 1, 10),
            N(107, "obdThrottlePositionB", "percent", 1, 10),
            N(108, "obdAcceleratorPositionD", "percent", 1, 10),
            N(109, "obdAcceleratorPositionE", "percent", 1, 10),
            N(110, "obdThrottleActuator", "percent", 1, 10),
            N(111, "obdRunTimeMIL", "min", 1, 1),
            N(112, "obdTimeSinceDTCCleared", "min", 1, 1),
            N(113, "obdEthanolPercent", "percent", 1, 10),
            N(114, "obdFuelRailPressureAbsolute", "kPa", 10, 1),
            N(115, "obdRelativeAcceleratorPosition", "percent", 1, 10),
            // 116 stays free: it briefly duplicated 88 (powertrainCombustionEngineEOT), which PID 0x5C reports.
            N(117, "obdFuelInjectionTiming", "degrees", 1, 128),
            N(118, "obdFuelRate", "l/h", 1, 20),
            N(119, "obdDriverDemandEnginePercentTorque", "percent", 1, 1),
            N(120, "obdActualEnginePercentTorque", "percent", 1, 1),
            N(121, "obdEngineReferenceTorque", "Nm", 1, 1),
        };

        /// <summary>Every signal, in id order. The array is shared: do not modify it.</summary>
        public static SignalInfo[] All
        {
            get { return Signals; }
        }

        /// <summary>The signal with this id, or null.</summary>
        public static SignalInfo ById(int id)
        {
            for (int i = 0; i < Signals.Length; i++)
            {
                if (Signals[i].Id == id)
                {
                    return Signals[i];
                }
            }
            return null;
        }

        /// <summary>The signal with this exact (case-sensitive) name, or null.</summary>
        public static SignalInfo ByName(string name)
        {
            for (int i = 0; i < Signals.Length; i++)
            {
                if (string.Equals(Signals[i].Name, name))
                {
                    return Signals[i];
                }
            }
            return null;
        }

        private static SignalInfo N(ushort id, string name, string unit, long stepNumerator, long stepDenominator)
        {
            return new SignalInfo(id, name, unit, SignalKind.Number, stepNumerator, stepDenominator);
        }

        private static SignalInfo T(ushort id, string name)
        {
            return new SignalInfo(id, name, "", SignalKind.Text, 1, 1);
        }
    }
}
