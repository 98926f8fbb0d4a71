//! References and resolution: every id used names something that exists.

pub mod unresolved_cite;
pub mod unresolved_entity;
pub mod unused_reference;
