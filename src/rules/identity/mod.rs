//! Identity: ids that agree with each other and with file names, and that are unique.

pub mod duplicate_id;
pub mod relation_id_mismatch;
