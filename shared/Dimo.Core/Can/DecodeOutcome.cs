namespace Dimo.Core.Can
{
    public enum DecodeOutcome
    {
        /// <summary>The frame matched a message and its signals are in the result.</summary>
        Decoded = 0,

        /// <summary>No message in the table has this id.</summary>
        UnknownId = 1,

        /// <summary>The frame is shorter than the message's length; nothing was decoded.</summary>
        TooShort = 2,
    }
}
