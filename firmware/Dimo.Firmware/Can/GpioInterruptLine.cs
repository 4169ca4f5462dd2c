using System.Device.Gpio;
using System.Threading;
using Dimo.Core.Dongle;

namespace Dimo.Firmware.Can
{
    /// <summary>
    /// An active-low interrupt input (the MCP2515's INT, pulled up on the board). <see cref="WaitAsserted"/> sleeps on
    /// the falling edge instead of polling, so an idle bus costs no CPU; the level is read again after waking, since
    /// the edge may belong to a flag the driver has cleared since.
    /// </summary>
    public sealed class GpioInterruptLine : IInterruptLine
    {
        private readonly GpioPin _pin;
        private readonly AutoResetEvent _edge = new AutoResetEvent(false);

        public GpioInterruptLine(GpioController controller, int gpio)
        {
            _pin = controller.OpenPin(gpio, PinMode.Input);
            _pin.ValueChanged += OnValueChanged;
        }

        public bool IsAsserted
        {
            get { return _pin.Read().Equals(PinValue.Low); }
        }

        public bool WaitAsserted(int timeoutMilliseconds)
        {
            if (IsAsserted)
            {
                return true;
            }
            _edge.WaitOne(timeoutMilliseconds < 0 ? 0 : timeoutMilliseconds, false);
            return IsAsserted;
        }

        private void OnValueChanged(object sender, PinValueChangedEventArgs e)
        {
            if (e.ChangeType == PinEventTypes.Falling)
            {
                _edge.Set();
            }
        }
    }
}
