using Dimo.Core.Dongle.Config;
using Dimo.Core.Obd;

namespace Dimo.Core.Tests.Dongle.Config;

public class Decoder_table_must_be_signed_small_and_loadable
{
    [Fact]
    public void A_table_signed_by_the_operator_is_applied_and_stored()
    {
        var storage = new MemoryConfigStorage();
        var applier = ConfigRig.Applier(storage);
        var table = ConfigRig.Table(0x200, 1);

        Assert.Equal(ConfigOutcome.Applied, applier.Apply(ConfigRig.Message(1, "0C=5", table)));

        Assert.True(applier.TableChanged);
        Assert.Equal(0, applier.Table!.FindMessage(0x200, false));
        Assert.NotNull(storage.Read(ConfigApplier.TableFile));
    }

    [Fact]
    public void A_table_signed_by_another_key_is_rejected_with_the_whole_message()
    {
        var storage = new MemoryConfigStorage();
        var applier = ConfigRig.Applier(storage);
        applier.Apply(ConfigRig.Message(1, "0C=5", ConfigRig.Table(0x200, 1)));

        var outcome = applier.Apply(ConfigRig.Message(2, "0D=5", ConfigRig.Table(0x300, 1), ConfigRig.Stranger));

        Assert.Equal(ConfigOutcome.Rejected, outcome);
        Assert.Equal(DeviceConfigError.BadSignature, applier.LastError);
        Assert.Equal(1, applier.Version);
        Assert.Equal("0C=5", applier.TemplateText);
        Assert.Equal(0, applier.Table!.FindMessage(0x200, false));
        Assert.Equal(-1, applier.Table.FindMessage(0x300, false));
    }

    [Fact]
    public void A_signature_that_does_not_recover_is_rejected()
    {
        var table = ConfigRig.Table(0x200, 1);
        var signature = ConfigRig.Sign(table);
        signature[64] = 30; // no such recovery id
        var applier = ConfigRig.Applier(new MemoryConfigStorage());

        Assert.Equal(ConfigOutcome.Rejected, applier.Apply(new DeviceConfig(1, "0C=5", table, signature).Encode()));
        Assert.Equal(DeviceConfigError.BadSignature, applier.LastError);
    }

    [Fact]
    public void A_dongle_that_trusts_no_operator_refuses_tables_but_takes_templates()
    {
        var applier = new ConfigApplier(new MemoryConfigStorage(), null, PollTemplate.Default(), null);

        Assert.Equal(ConfigOutcome.Rejected, applier.Apply(ConfigRig.Message(1, "0C=5", ConfigRig.Table(0x200, 1))));
        Assert.Equal(DeviceConfigError.BadSignature, applier.LastError);
        Assert.Equal(ConfigOutcome.Applied, applier.Apply(ConfigRig.Message(1, "0C=5")));
    }

    [Fact]
    public void A_table_over_the_size_limit_is_refused_before_it_is_read()
    {
        var applier = ConfigRig.Applier(new MemoryConfigStorage());
        var huge = new byte[DeviceConfigFormat.MaxTableBytes + 1];
        var header = new DeviceConfig(1, "0C=5", ConfigRig.Table(0x200, 1), new byte[65]).Encode();
        // Rewrite the table length field to claim the oversized table; the message ends right after it.
        int lengthAt = DeviceConfigFormat.HeaderSize + 2 + "0C=5".Length;
        var message = header.Take(lengthAt).Concat(BitConverter.GetBytes((ushort)huge.Length)).Concat(huge).Concat(new byte[65]).ToArray();

        Assert.Equal(ConfigOutcome.Rejected, applier.Apply(message));
        Assert.Equal(DeviceConfigError.TableTooBig, applier.LastError);
        Assert.Throws<DeviceConfigException>(() => new DeviceConfig(1, "0C=5", huge, ConfigRig.Sign(huge)).Encode());
    }

    [Fact]
    public void A_signed_table_that_does_not_load_is_rejected()
    {
        var table = ConfigRig.Table(0x200, 1);
        table[^1] ^= 0xFF; // checksum no longer matches
        var applier = ConfigRig.Applier(new MemoryConfigStorage());

        Assert.Equal(ConfigOutcome.Rejected, applier.Apply(ConfigRig.Message(1, "0C=5", table)));
        Assert.Equal(DeviceConfigError.BadTable, applier.LastError);
        Assert.Contains("checksum", applier.LastErrorMessage);
    }

    [Fact]
    public void A_damaged_stored_table_falls_back_to_the_last_good_one_at_boot()
    {
        var storage = new MemoryConfigStorage();
        var applier = ConfigRig.Applier(storage);
        applier.Apply(ConfigRig.Message(1, "0C=5", ConfigRig.Table(0x200, 1)));
        applier.Apply(ConfigRig.Message(2, "0C=5", ConfigRig.Table(0x300, 1)));
        var damaged = storage.Read(ConfigApplier.TableFile)!;
        damaged[^3] ^= 0x01;
        storage.Write(ConfigApplier.TableFile, damaged);

        var rebooted = ConfigRig.Applier(storage);
        rebooted.Restore();

        Assert.True(rebooted.TableFellBack);
        Assert.Equal(0, rebooted.Table!.FindMessage(0x200, false));
    }

    [Fact]
    public void Without_any_good_stored_table_the_built_in_one_stays()
    {
        var storage = new MemoryConfigStorage();
        storage.Write(ConfigApplier.TableFile, new byte[100]);
        var builtIn = Dimo.Core.Can.DecoderTable.Load(ConfigRig.Table(0x100, 1));
        var applier = new ConfigApplier(storage, ConfigRig.Operator.Address, null, builtIn);

        applier.Restore();

        Assert.True(applier.TableFellBack);
        Assert.Same(builtIn, applier.Table);
        Assert.Equal(0, applier.Version);
    }
}
