namespace Dimo.Core.Obd
{
    public enum VinSource
    {
        None = 0,

        /// <summary>SAE J1979 service 09, info type 02.</summary>
        Service09 = 1,

        /// <summary>ISO 14229 ReadDataByIdentifier 0xF190, for cars that do not answer service 09.</summary>
        UdsF190 = 2,
    }
}
