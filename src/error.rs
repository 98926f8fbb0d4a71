//! Failures of the tool itself (exit 2), as opposed to findings in the data, which are diagnostics.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no dataset found: {0} does not exist (run relcheck at the root of a dataset repository, or name the files to check)")]
    NoDataset(PathBuf),
    #[error("{0}: no such file or directory")]
    PathNotFound(PathBuf),
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}: not a regular file (relcheck reads only regular files, and folders of them)")]
    NotAFile(String),
    #[error("{path}: the file is {size} bytes, larger than the limit of {limit} bytes{option}")]
    TooLarge {
        path: String,
        size: u64,
        limit: u64,
        /// How to raise the limit, when it can be raised: " (raise it with --max-file-size)".
        option: &'static str,
    },
    #[error("the schema {name} cannot be compiled: {reason}")]
    Schema { name: String, reason: String },
    #[error("{path}:{line}:{column}: {message}")]
    Config {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("cannot validate {file}: {reason}")]
    Unchecked { file: String, reason: String },
    #[error("{path} is not a data file: {reason}")]
    NotData { path: String, reason: &'static str },
    #[error("cannot walk {path}: {reason}")]
    Walk { path: String, reason: String },
}
