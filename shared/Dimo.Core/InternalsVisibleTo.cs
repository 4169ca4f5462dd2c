// The crypto tests drive internal arithmetic directly (e.g. to prove k * G allocates nothing).
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Dimo.Core.Tests")]

// The device-cost tool signs through the internal signer to count one signature's interpreted work.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Dimo.DeviceCost")]
