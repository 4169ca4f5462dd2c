// The crypto tests drive internal arithmetic directly (e.g. to prove k * G allocates nothing).
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Dimo.Core.Tests")]
