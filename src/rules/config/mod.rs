//! Configuration hygiene: findings in relcheck.toml itself.

pub mod exception_without_reason;
pub mod unknown_rule;
pub mod unused_exception;
