//! [`Progress`]: how a long run reports its stages (the CLI draws bars from it).

/// Progress of a long run, reported stage by stage.
pub trait Progress: Sync {
    /// A stage starts; `total` units of work are expected (0 = unknown).
    fn start(&self, _stage: &str, _total: u64) {}
    /// `n` more units of the current stage are done.
    fn advance(&self, _n: u64) {}
    /// The current stage is finished.
    fn finish(&self) {}
}

/// Progress reporting that does nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoProgress;
impl Progress for NoProgress {}
