namespace Dimo.Cli.Tests.Readme;

public class Readme_scripts_are_the_command_lines_of_each_block
{
    private const string Markdown = """
        Intro, with a free port example: 1883 (port 0 picks a free port).

        ```sh
        # a comment is no command
        ./dimo ingest --mqtt-port 1883   # until Ctrl+C
        ./dimo sim --mqtt mqtt://127.0.0.1:1883 \
          --duration 5
        tests/run-all.sh
        sudo apt-get install -y mosquitto
        nanoff --serialport /dev/ttyUSB0 --deploy
        ```

        ```json
        {"not": "shell"}
        ```

        | command | what | example |
        | --- | --- | --- |
        | `key new` | a key | `./dimo key new --out k.key` |
        | `pipe` | two at once | `./dimo a \| ./dimo b --port 18830` |
        | `other` | no example | |

        | a | b |
        | --- | --- |
        | `./not run` | x |
        """;

    [Fact]
    public void Each_shell_block_and_each_example_table_is_one_script_of_its_command_lines()
    {
        var scripts = ReadmeScripts.Parse(Markdown, "x.md");

        Assert.Equal(2, scripts.Count);
        Assert.Equal(["./dimo ingest --mqtt-port 1883   # until Ctrl+C", "./dimo sim --mqtt mqtt://127.0.0.1:1883 --duration 5"],
            scripts[0].Commands.Select(c => c.Text));
        Assert.Equal([true, false], scripts[0].Commands.Select(c => c.RunsUntilCtrlC));
        Assert.Equal(6, scripts[0].Commands[1].Line);
        Assert.Equal(["./dimo key new --out k.key", "./dimo a | ./dimo b --port 18830"], scripts[1].Commands.Select(c => c.Text));
    }

    [Fact]
    public void The_test_command_package_installs_and_serial_port_commands_are_skipped()
    {
        var skipped = ReadmeScripts.Parse(Markdown, "x.md")[0].Skipped.Select(c => c.Text).ToList();

        Assert.Equal(["tests/run-all.sh", "sudo apt-get install -y mosquitto", "nanoff --serialport /dev/ttyUSB0 --deploy"], skipped);
        Assert.Null(ReadmeScripts.SkipReason("./dimo key new"));
    }

    [Fact]
    public void Only_ports_on_a_line_saying_port_0_picks_a_free_port_are_substituted_and_only_as_whole_numbers()
    {
        var ports = ReadmeScripts.ExamplePorts(Markdown);
        var map = ports.ToDictionary(p => p, _ => 40001);

        Assert.Equal([1883], ports);
        Assert.Equal("x --mqtt mqtt://127.0.0.1:40001 --port 18830 --count 100000 --other 8080",
            ReadmeScripts.SubstitutePorts("x --mqtt mqtt://127.0.0.1:1883 --port 18830 --count 100000 --other 8080", map));
    }
}
