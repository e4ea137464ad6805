using Onprest.AppHost.Tests.Infrastructure;

// One app model for the whole assembly: starting the orchestrator, the dashboard, the gateway and the agent takes
// tens of seconds on a 2-core machine, and every test here observes the same running system.
[assembly: AssemblyFixture(typeof(OnprestApp))]
[assembly: CollectionBehavior(DisableTestParallelization = true)]
