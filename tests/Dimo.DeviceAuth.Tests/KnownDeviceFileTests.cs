using Dimo.DeviceAuth;
using Dimo.Mqtt.Auth;

namespace Dimo.DeviceAuth.Tests;

public sealed class KnownDeviceFileTests
{
    private const string Alice = "0x19e7e376e7c213b7e7e7e46cc70a5dd086daff2a";
    private const string Bob = "0x1563915e194d8cfba1943570603f7606a3115508";

    [Fact]
    public async Task Addresses_are_read_one_per_line_lowercased_skipping_comments_and_blank_lines()
    {
        var text = "# fleet A\n" + Alice + "\n\n  0x1563915E194D8CFBA1943570603F7606A3115508  # Bob, checksummed\n";

        var devices = KnownDeviceFile.Read(new StringReader(text), "devices.txt");

        Assert.Equal(2, devices.Count);
        Assert.True(await devices.IsRegisteredAsync(Alice, CancellationToken.None));
        Assert.True(await devices.IsRegisteredAsync(Bob, CancellationToken.None));
    }

    [Theory]
    [InlineData("0x19e7e376e7c213b7e7e7e46cc70a5dd086daff2")]
    [InlineData("19e7e376e7c213b7e7e7e46cc70a5dd086daff2a")]
    [InlineData("0x19e7e376e7c213b7e7e7e46cc70a5dd086daff2g")]
    [InlineData("0x19e7e376e7c213b7e7e7e46cc70a5dd086daff2a 0x1563915e194d8cfba1943570603f7606a3115508")]
    public void A_line_that_is_not_one_address_fails_naming_file_and_line(string bad)
    {
        var error = Assert.Throws<FormatException>(() => KnownDeviceFile.Read(new StringReader(Alice + "\n" + bad + "\n"), "devices.txt"));

        Assert.StartsWith("devices.txt:2: not a device address", error.Message);
    }
}
