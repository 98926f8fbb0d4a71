//! `parse-floor` with relcheck's allocator (mimalloc, built as relcheck builds it) in place of the
//! system allocator: how fast reading and parsing alone can be in a process set up like relcheck.
//! bench/run.sh's headline ratio is to `parse-floor`; this one is shown beside it so that the
//! allocator's share of the difference is visible.
//!
//! ```text
//! cargo run --release --example parse-floor-mimalloc -- DIR [--repeat N]
//! ```

#[path = "parse-floor.rs"]
mod floor;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    floor::main();
}
