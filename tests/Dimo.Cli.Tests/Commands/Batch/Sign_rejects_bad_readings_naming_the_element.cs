namespace Dimo.Cli.Tests.Commands.Batch;

public class Sign_rejects_bad_readings_naming_the_element
{
    private const string Good = """{"timestamp":1700000000000,"name":"speed","value":10}""";

    [Theory]
    [InlineData("[" + Good + ",", "readings are not JSON")]
    [InlineData("{\"timestamp\":1}", "readings must be a JSON array")]
    [InlineData("[" + Good + ",{\"timestamp\":1700000000000,\"name\":\"warpSpeed\",\"value\":9}]", "readings[1]: unknown signal \"warpSpeed\"")]
    [InlineData("[" + Good + ",{\"timestamp\":1,\"name\":\"speed\",\"value\":1},42]", "readings[2]: not an object")]
    [InlineData("[{\"name\":\"speed\",\"value\":1}]", "readings[0]: \"timestamp\" must be an integer")]
    [InlineData("[{\"timestamp\":-1,\"name\":\"speed\",\"value\":1}]", "readings[0]: \"timestamp\" must be an integer")]
    [InlineData("[{\"timestamp\":1.5,\"name\":\"speed\",\"value\":1}]", "readings[0]: \"timestamp\" must be an integer")]
    [InlineData("[{\"timestamp\":9007199254740992,\"name\":\"speed\",\"value\":1}]", "readings[0]: \"timestamp\" must be an integer")]
    [InlineData("[{\"timestamp\":1,\"value\":1}]", "readings[0]: \"name\" must be a signal name")]
    [InlineData("[{\"timestamp\":1,\"name\":\"speed\"}]", "readings[0]: no \"value\"")]
    [InlineData("[" + Good + ",{\"timestamp\":1,\"name\":\"speed\",\"value\":\"fast\"}]", "readings[1]: speed is a number signal")]
    [InlineData("[{\"timestamp\":1,\"name\":\"vin\",\"value\":17}]", "readings[0]: vin is a text signal")]
    [InlineData("[" + Good + ",{\"timestamp\":1700000000001,\"name\":\"speed\",\"value\":1}," + Good + "]",
        "readings[2]: a second reading of speed at 1700000000000 (the first is readings[0])")]
    [InlineData("[{\"timestamp\":1,\"name\":\"speed\",\"value\":1e300}]", "cannot encode the readings: OutOfRange: reading 0 (signal 1)")]
    [InlineData("[]", "cannot encode the readings: NonCanonical: a batch holds at least one reading")]
    public void Bad_readings_exit_1_with_one_line_naming_the_problem(string readings, string error)
    {
        using var files = new BatchFiles();

        var run = files.Sign(readings);

        Assert.Equal(1, run.Exit);
        Assert.Equal("", run.Output);
        Assert.StartsWith("dimo: " + error, run.Errors);
        Assert.Single(run.Errors.TrimEnd().Split('\n'));
    }

    [Fact]
    public void A_missing_readings_file_exits_1_naming_it()
    {
        using var files = new BatchFiles();
        var missing = files.Readings("[]") + ".absent";

        var run = DimoCli.Run("batch", "sign", "--private-key", Key.TestKeys.PrivateKey, "--readings", missing);

        Assert.Equal(1, run.Exit);
        Assert.Contains("cannot read " + missing, run.Errors);
    }
}
