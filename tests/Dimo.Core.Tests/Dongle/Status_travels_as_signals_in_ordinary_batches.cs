using Dimo.Core.Dongle;
using Dimo.Core.Dongle.Config;
using Dimo.Core.Tests.Dongle.Config;
using Dimo.Core.Signals;
using Dimo.Core.Wire;

namespace Dimo.Core.Tests.Dongle;

public class Status_travels_as_signals_in_ordinary_batches
{
    private static int Id(string name) => SignalCatalog.IdOf(name);

    private static List<Reading> Readings(IEnumerable<Batch> batches, string name) =>
        batches.SelectMany(b => b.Readings).Where(r => r.SignalId == Id(name)).ToList();

    [Fact]
    public void The_first_batch_after_each_boot_carries_the_firmware_version_reboot_count_and_reason()
    {
        var rig = new DongleRig(status: new DeviceStatus { FirmwareVersion = "1.4.0", RebootReason = RebootReason.PowerOn });
        rig.Drive(3000);
        rig.Status!.RebootReason = RebootReason.Watchdog;
        rig.Boot();
        rig.Drive(3000);

        var batches = rig.PublishedBatches();
        var firstOfBoot = batches.GroupBy(b => b.BootId).Select(g => g.OrderBy(b => b.Seq).First()).ToList();
        Assert.Equal(2, firstOfBoot.Count);
        Assert.Equal([0.0, 1.0], Readings(batches, "dimoAftermarketRebootCount").Select(r => r.Value));
        Assert.Equal(["1.4.0", "1.4.0"], Readings(batches, "dimoAftermarketFirmwareVersion").Select(r => r.Text));
        Assert.Equal([RebootReason.PowerOn, RebootReason.Watchdog], Readings(batches, "dimoAftermarketRebootReason").Select(r => r.Text));
        Assert.All(firstOfBoot, b => Assert.Contains(b.Readings, r => r.SignalId == Id("dimoAftermarketRebootReason")));
    }

    [Fact]
    public void A_config_version_is_sent_once_when_it_changes()
    {
        var rig = new DongleRig(status: new DeviceStatus());
        var inbox = new QueuedConfigInbox();
        rig.Loop.AttachConfig(inbox, ConfigRig.Applier(new MemoryConfigStorage()), null);
        rig.Drive(2000);
        inbox.Messages.Enqueue(ConfigRig.Message(7, "0C=5"));
        rig.Drive(3000);
        inbox.Messages.Enqueue(ConfigRig.Message(8, "0C=5"));
        rig.Drive(3000);

        Assert.Equal([7.0, 8.0], Readings(rig.PublishedBatches(), "dimoAftermarketConfigVersion").Select(r => r.Value));
    }

    [Fact]
    public void Without_a_status_the_loop_sends_only_what_it_read()
    {
        var rig = new DongleRig();
        rig.Drive(3000);

        Assert.All(rig.PublishedBatches().SelectMany(b => b.Readings), r => Assert.Equal(DongleRig.Speed, r.SignalId));
    }
}
