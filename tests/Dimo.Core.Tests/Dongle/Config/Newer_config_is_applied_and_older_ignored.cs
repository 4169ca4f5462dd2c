using Dimo.Core.Dongle.Config;

namespace Dimo.Core.Tests.Dongle.Config;

public class Newer_config_is_applied_and_older_ignored
{
    [Fact]
    public void A_newer_version_replaces_the_template_and_is_reported()
    {
        var applier = ConfigRig.Applier(new MemoryConfigStorage());
        Assert.Equal(0, applier.Version);

        Assert.Equal(ConfigOutcome.Applied, applier.Apply(ConfigRig.Message(3, "0C=1, 0D=2")));

        Assert.Equal(3, applier.Version);
        Assert.True(applier.TemplateChanged);
        Assert.Equal(2, applier.Template!.Count);
        Assert.Equal(0x0D, applier.Template.Item(1).Pid);
        Assert.Equal(2000, applier.Template.Item(1).IntervalMilliseconds);
    }

    [Fact]
    public void The_same_or_an_older_version_changes_nothing_and_writes_nothing()
    {
        var storage = new MemoryConfigStorage();
        var applier = ConfigRig.Applier(storage);
        applier.Apply(ConfigRig.Message(5, "0C=1"));
        int writes = storage.Writes;

        Assert.Equal(ConfigOutcome.Ignored, applier.Apply(ConfigRig.Message(5, "0D=9")));
        Assert.Equal(ConfigOutcome.Ignored, applier.Apply(ConfigRig.Message(4, "0D=9")));

        Assert.Equal(5, applier.Version);
        Assert.Equal("0C=1", applier.TemplateText);
        Assert.Equal(2, applier.Ignored);
        Assert.Equal(writes, storage.Writes);
    }

    [Fact]
    public void An_applied_config_is_restored_at_the_next_boot()
    {
        var storage = new MemoryConfigStorage();
        var table = ConfigRig.Table(0x123, 1);
        ConfigRig.Applier(storage).Apply(ConfigRig.Message(7, "0C=1, vin=once", table));

        var rebooted = ConfigRig.Applier(storage);
        rebooted.Restore();

        Assert.Equal(7, rebooted.Version);
        Assert.Equal("0C=1, vin=once", rebooted.TemplateText);
        Assert.Equal(2, rebooted.Template!.Count);
        Assert.NotNull(rebooted.Table);
        Assert.Equal(0, rebooted.Table!.FindMessage(0x123, false));
        Assert.False(rebooted.TableFellBack);
        // The retained message seen again after the reboot is not applied twice.
        Assert.Equal(ConfigOutcome.Ignored, rebooted.Apply(ConfigRig.Message(7, "0C=1, vin=once", table)));
    }

    [Fact]
    public void A_template_that_does_not_parse_is_rejected_and_the_old_one_kept()
    {
        var applier = ConfigRig.Applier(new MemoryConfigStorage());
        applier.Apply(ConfigRig.Message(1, "0C=1"));

        Assert.Equal(ConfigOutcome.Rejected, applier.Apply(ConfigRig.Message(2, "0C=1, nonsense")));

        Assert.Equal(1, applier.Version);
        Assert.Equal("0C=1", applier.TemplateText);
        Assert.Equal(DeviceConfigError.BadTemplate, applier.LastError);
        Assert.Contains("nonsense", applier.LastErrorMessage);
        Assert.Equal(1, applier.Rejections(DeviceConfigError.BadTemplate));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { (byte)'D', (byte)'C', (byte)'F', (byte)'X', 1, 0, 1, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { (byte)'D', (byte)'C', (byte)'F', (byte)'G', 9, 0, 1, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { (byte)'D', (byte)'C', (byte)'F', (byte)'G', 1, 0, 1, 0, 0, 0, 0, 0, 5, 0, (byte)'0' })]
    public void A_malformed_message_is_rejected(byte[] message)
    {
        var applier = ConfigRig.Applier(new MemoryConfigStorage());

        Assert.Equal(ConfigOutcome.Rejected, applier.Apply(message));
        Assert.Equal(DeviceConfigError.Malformed, applier.LastError);
        Assert.Equal(0, applier.Version);
    }

    [Fact]
    public void Messages_round_trip_through_their_encoding()
    {
        var table = ConfigRig.Table(0x10, 2);
        var signature = ConfigRig.Sign(table);

        var decoded = DeviceConfig.Decode(new DeviceConfig(42, "0C=5", table, signature).Encode());

        Assert.Equal(42, decoded.Version);
        Assert.Equal("0C=5", decoded.TemplateText);
        Assert.Equal(table, decoded.Table);
        Assert.Equal(signature, decoded.TableSignature);
        Assert.Null(DeviceConfig.Decode(new DeviceConfig(1, "", null, null).Encode()).Table);
    }
}
