using Dimo.Mqtt.Topics;

namespace Dimo.Mqtt.Tests.Topics;

public sealed class TopicMatchingTests
{
    [Theory]
    [InlineData("sport/tennis/player1", "sport/tennis/player1", true)]
    [InlineData("sport/tennis/player1/#", "sport/tennis/player1", true)]
    [InlineData("sport/tennis/player1/#", "sport/tennis/player1/ranking", true)]
    [InlineData("sport/#", "sport", true)]
    [InlineData("#", "sport/tennis", true)]
    [InlineData("sport/tennis/+", "sport/tennis/player1", true)]
    [InlineData("sport/tennis/+", "sport/tennis/player1/ranking", false)]
    [InlineData("sport/+", "sport", false)]
    [InlineData("sport/+", "sport/", true)]
    [InlineData("+/+", "/finance", true)]
    [InlineData("/+", "/finance", true)]
    [InlineData("+", "/finance", false)]
    [InlineData("a/b", "a/b/c", false)]
    [InlineData("a/b/c", "a/b", false)]
    [InlineData("#", "$SYS/uptime", false)]
    [InlineData("+/monitor/Clients", "$SYS/monitor/Clients", false)]
    [InlineData("$SYS/#", "$SYS/monitor/Clients", true)]
    [InlineData("$SYS/monitor/+", "$SYS/monitor/Clients", true)]
    public void Filters_match_as_the_spec_examples_say(string filter, string topic, bool matches) =>
        Assert.Equal(matches, MqttTopic.Matches(filter, topic));

    [Theory]
    [InlineData("#", true)]
    [InlineData("a/#", true)]
    [InlineData("+/b/+", true)]
    [InlineData("a/#/b", false)]
    [InlineData("a#", false)]
    [InlineData("a/b+", false)]
    [InlineData("", false)]
    [InlineData("$share/group/a/+", true)]
    [InlineData("$share/group", false)]
    [InlineData("$share//a", false)]
    [InlineData("$share/g#/a", false)]
    public void Filter_validity_follows_the_wildcard_rules(string filter, bool valid) =>
        Assert.Equal(valid, MqttTopic.IsValidTopicFilter(filter));

    [Fact]
    public void A_shared_filter_splits_into_group_and_filter()
    {
        Assert.True(MqttTopic.TrySplitShared("$share/ingest/devices/+/batches", out var group, out var filter));
        Assert.Equal(("ingest", "devices/+/batches"), (group, filter));
    }
}
