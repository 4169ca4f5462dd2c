using Dimo.Mqtt.Packets;
using Dimo.Mqtt.Server;
using Dimo.Mqtt.Sessions;

namespace Dimo.Mqtt.Tests.Server;

public sealed class SubscriptionIndexTests
{
    [Fact]
    public void Cached_routes_follow_subscriptions_added_and_removed_after_the_topic_was_routed()
    {
        var index = new MqttSubscriptionIndex();
        var (one, two) = (Session("one"), Session("two"));
        var wildcard = Subscription("cars/+/speed");
        index.Add(one, wildcard);
        Assert.Equal([one], Receivers(index, "cars/7/speed"));

        index.Add(two, Subscription("cars/7/speed"));
        Assert.Equal(["one", "two"], Receivers(index, "cars/7/speed").Select(s => s.ClientId).Order());

        index.Remove(one, wildcard);
        Assert.Equal([two], Receivers(index, "cars/7/speed"));
        Assert.Empty(Receivers(index, "cars/8/speed"));
    }

    [Fact]
    public void A_topic_routed_again_without_subscription_changes_reuses_its_routes()
    {
        var index = new MqttSubscriptionIndex();
        index.Add(Session("one"), Subscription("cars/#"));

        var first = index.RoutesFor("cars/7/speed");

        Assert.Same(first, index.RoutesFor("cars/7/speed"));
        Assert.Equal(1, index.CachedTopicCount);
    }

    [Fact]
    public void The_route_cache_stays_within_its_bound_however_many_topics_pass()
    {
        var index = new MqttSubscriptionIndex();
        index.Add(Session("one"), Subscription("#"));

        for (var i = 0; i < MqttSubscriptionIndex.MaxCachedTopics + 50; i++)
            Assert.Single(index.RoutesFor("cars/" + i));

        Assert.InRange(index.CachedTopicCount, 1, MqttSubscriptionIndex.MaxCachedTopics);
    }

    [Fact]
    public void A_session_matching_through_several_filters_gets_one_message_with_the_highest_qos_and_every_identifier()
    {
        var index = new MqttSubscriptionIndex();
        var session = Session("one");
        index.Add(session, Subscription("cars/+/speed", MqttQualityOfService.AtMostOnce, id: 3));
        index.Add(session, Subscription("cars/#", MqttQualityOfService.AtLeastOnce, id: 5));

        var route = Assert.Single(index.RoutesFor("cars/7/speed"));
        var queued = route.ToQueued(Message("cars/7/speed", MqttQualityOfService.ExactlyOnce, sender: "other"));

        Assert.NotNull(queued);
        Assert.Equal(MqttQualityOfService.AtLeastOnce, queued.QualityOfService);
        Assert.Equal([3u, 5u], queued.SubscriptionIdentifiers.Order());
    }

    [Fact]
    public void No_local_keeps_a_session_from_its_own_messages_through_that_subscription_only()
    {
        var index = new MqttSubscriptionIndex();
        var session = Session("one");
        index.Add(session, Subscription("cars/+/speed", MqttQualityOfService.ExactlyOnce, id: 3, noLocal: true));
        var route = Assert.Single(index.RoutesFor("cars/7/speed"));

        Assert.Null(route.ToQueued(Message("cars/7/speed", MqttQualityOfService.ExactlyOnce, sender: "one")));
        Assert.NotNull(route.ToQueued(Message("cars/7/speed", MqttQualityOfService.ExactlyOnce, sender: "two")));

        index.Add(session, Subscription("cars/#", MqttQualityOfService.AtMostOnce, id: 5));
        var own = Assert.Single(index.RoutesFor("cars/7/speed")).ToQueued(Message("cars/7/speed", MqttQualityOfService.ExactlyOnce, sender: "one"));
        Assert.NotNull(own);
        Assert.Equal(MqttQualityOfService.AtMostOnce, own.QualityOfService);
        Assert.Equal([5u], own.SubscriptionIdentifiers);
    }

    [Fact]
    public void Shared_groups_take_turns_and_are_not_cached()
    {
        var index = new MqttSubscriptionIndex();
        var (one, two) = (Session("one"), Session("two"));
        one.MarkOnline();
        two.MarkOnline();
        index.Add(one, Subscription("$share/g/cars/#"));
        index.Add(two, Subscription("$share/g/cars/#"));

        var turns = Enumerable.Range(0, 4).Select(_ => Assert.Single(index.SharedRoutesFor("cars/7")).Session.ClientId).ToList();

        Assert.Empty(index.RoutesFor("cars/7"));
        Assert.Equal(2, turns.Distinct().Count());
        Assert.NotEqual(turns[0], turns[1]);
    }

    private static MqttSession[] Receivers(MqttSubscriptionIndex index, string topic) =>
        [.. index.RoutesFor(topic).Select(r => r.Session)];

    private static MqttSession Session(string clientId) => new(clientId, queueCapacity: 10);

    private static MqttSubscription Subscription(string filter, MqttQualityOfService qos = MqttQualityOfService.AtLeastOnce,
        uint? id = null, bool noLocal = false) =>
        new(new MqttTopicFilter { Filter = filter, QualityOfService = qos, NoLocal = noLocal }, id);

    private static MqttApplicationMessage Message(string topic, MqttQualityOfService qos, string sender) =>
        new() { Topic = topic, Payload = new byte[] { 1 }, QualityOfService = qos, SenderClientId = sender };
}
