using System.ComponentModel.DataAnnotations;

namespace Truora.Api.Access;

public sealed class AccessOptions
{
    public const string Section = "Truora";

    /// <summary>The operator's bearer key (<c>Truora__OperatorKey</c>); the node generates one when unset.</summary>
    [Required]
    public string OperatorKey { get; set; } = "";
}
