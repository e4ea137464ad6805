// The end-to-end tests start real processes, publish binaries and bind ports: on a 2-core machine they run one
// class at a time, which also keeps concurrent restores of the same projects from racing.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
