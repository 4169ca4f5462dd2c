namespace Dimo.Core.Can.Mcp2515
{
    /// <summary>The MCP2515 could not be set up; <see cref="Fault"/> says why and the message what to check.</summary>
    public sealed class Mcp2515Exception : System.Exception
    {
        public Mcp2515Exception(Mcp2515Fault fault, string message)
            : base(message)
        {
            Fault = fault;
        }

        public Mcp2515Fault Fault { get; private set; }
    }
}
