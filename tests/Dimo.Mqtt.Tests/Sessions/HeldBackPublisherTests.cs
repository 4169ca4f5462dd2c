using Dimo.Mqtt.Packets;
using Dimo.Mqtt.Sessions;

namespace Dimo.Mqtt.Tests.Sessions;

/// <summary>
/// A session lets publishers held back by its full queue go in a group once a quarter of the queue is free. When its
/// sender stops taking with less freed than that (the client's window is full), the room it did free is handed out
/// anyway, so the queue holds exactly its capacity, as the backpressure contract says.
/// </summary>
public sealed class HeldBackPublisherTests
{
    private const int Capacity = 8;

    [Fact]
    public async Task A_single_take_does_not_release_the_group_but_the_pause_does()
    {
        var (session, waiting) = await FullQueueWithAPublisherWaitingAsync();

        Assert.True(session.TryTake(out _));
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted, "one free slot of eight is less than a quarter, so the group still waits");

        session.SenderPaused();

        Assert.Equal(MqttEnqueueResult.Queued, await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(Capacity, session.QueuedCount);
    }

    [Fact]
    public async Task A_quarter_taken_releases_the_group_without_a_pause()
    {
        var (session, waiting) = await FullQueueWithAPublisherWaitingAsync();

        for (var i = 0; i < Capacity / 4; i++)
            Assert.True(session.TryTake(out _));

        Assert.Equal(MqttEnqueueResult.Queued, await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_pause_with_the_queue_still_full_keeps_the_publisher_waiting()
    {
        var (session, waiting) = await FullQueueWithAPublisherWaitingAsync();

        session.SenderPaused();
        await Task.Delay(50);

        Assert.False(waiting.IsCompleted);
        Assert.Equal(Capacity, session.QueuedCount);
        session.MarkOffline();
        Assert.Equal(MqttEnqueueResult.DroppedOfflineQueueFull, await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    private static async Task<(MqttSession Session, Task<MqttEnqueueResult> Waiting)> FullQueueWithAPublisherWaitingAsync()
    {
        var session = new MqttSession("slow", Capacity);
        session.MarkOnline();
        for (var i = 0; i < Capacity; i++)
            Assert.Equal(MqttEnqueueResult.Queued, await session.EnqueueAsync(Message(i), CancellationToken.None));
        var waiting = session.EnqueueAsync(Message(Capacity), CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);
        return (session, waiting);
    }

    private static MqttQueuedMessage Message(int n) => new(
        new MqttApplicationMessage { Topic = "load", Payload = BitConverter.GetBytes(n), QualityOfService = MqttQualityOfService.AtLeastOnce },
        MqttQualityOfService.AtLeastOnce, false, []);
}
