namespace Onprest.Agent.Doctor;

/// <summary>One line of <c>doctor</c> output (docs/cli.md): <c>{stage, status, code, message}</c>.</summary>
internal sealed record DoctorCheck(string Stage, string Status, string Code, string Message)
{
    public const string Passed = "passed";
    public const string Failed = "failed";
    public const string Skipped = "skipped";

    public static DoctorCheck Pass(string stage, string message) => new(stage, Passed, "OK", message);

    public static DoctorCheck Fail(string stage, string code, string message) => new(stage, Failed, code, message);

    public static DoctorCheck Skip(string stage, string message = "not run because a dependent stage failed") => new(stage, Skipped, "SKIPPED", message);
}

/// <summary>A failed stage's private detail, for the doctor diagnostic log only.</summary>
internal sealed record DoctorFailure(DoctorCheck Check, string? Capability, string Detail);
