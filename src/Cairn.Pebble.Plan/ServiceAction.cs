namespace Cairn.Pebble.Plan;

/// <summary>What the daemon does when a service exits or one of its checks fails.</summary>
public enum ServiceAction
{
    /// <summary>Not given: behaves as <see cref="Restart"/>.</summary>
    Unset,

    /// <summary><c>restart</c>: restart after a backoff delay.</summary>
    Restart,

    /// <summary><c>shutdown</c>: stop the daemon, exit code from the service's result.</summary>
    Shutdown,

    /// <summary><c>failure-shutdown</c> (on-success only): stop the daemon with a failure exit code.</summary>
    FailureShutdown,

    /// <summary><c>success-shutdown</c> (on-failure and on-check-failure): stop the daemon with exit code 0.</summary>
    SuccessShutdown,

    /// <summary><c>ignore</c>: do nothing.</summary>
    Ignore,
}
