namespace Dimo.Core.Obd.IsoTp
{
    /// <summary>
    /// What one request brought back: the complete messages of every ECU that answered and the transfers that
    /// failed, each with the id it came from. The tester reuses one instance; the message buffers stay valid
    /// until its next request.
    /// </summary>
    public sealed class IsoTpResponses
    {
        private readonly uint[] _messageSources;
        private readonly IsoTpReception[] _messages;
        private readonly uint[] _errorSources;
        private readonly IsoTpError[] _errors;

        public IsoTpResponses(int capacity)
        {
            _messageSources = new uint[capacity];
            _messages = new IsoTpReception[capacity];
            _errorSources = new uint[capacity];
            _errors = new IsoTpError[capacity];
        }

        public int Count { get; private set; }

        public int ErrorCount { get; private set; }

        public uint SourceId(int index)
        {
            return _messageSources[index];
        }

        public byte[] Data(int index)
        {
            return _messages[index].Buffer;
        }

        public int Length(int index)
        {
            return _messages[index].Length;
        }

        public uint ErrorSourceId(int index)
        {
            return _errorSources[index];
        }

        public IsoTpError Error(int index)
        {
            return _errors[index];
        }

        internal void Clear()
        {
            Count = 0;
            ErrorCount = 0;
        }

        internal void AddMessage(uint sourceId, IsoTpReception message)
        {
            if (Count < _messages.Length)
            {
                _messageSources[Count] = sourceId;
                _messages[Count] = message;
                Count++;
            }
        }

        internal void AddError(uint sourceId, IsoTpError error)
        {
            if (ErrorCount < _errors.Length)
            {
                _errorSources[ErrorCount] = sourceId;
                _errors[ErrorCount] = error;
                ErrorCount++;
            }
        }
    }
}
