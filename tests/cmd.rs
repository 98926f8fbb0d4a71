//! End-to-end cases of the command line as data files (trycmd): `tests/cmd/<case>.toml` gives the
//! arguments and the exit code, `<case>.stdout`/`<case>.stderr` the expected output, and the dataset it
//! runs in is a folder with a `relcheck.toml` (`fs.base`). Adding a case needs no Rust code.
//!
//! Regenerate the expected output after an intended change with
//! `TRYCMD=overwrite cargo test --test cmd`, and read the diff before committing.

#[test]
fn cmd() {
    trycmd::TestCases::new()
        .register_bin("relcheck", std::path::PathBuf::from(env!("CARGO_BIN_EXE_relcheck")))
        .case("tests/cmd/*.toml");
}
