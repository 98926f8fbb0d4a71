//! `--diff`: what `--fix` would change, as a unified diff that `git apply` takes (paths as
//! `a/<path>` and `b/<path>`, relative to the directory relcheck runs in, like every path it prints).

use similar::TextDiff;

/// The unified diff from `before` to `after` of the file shown as `path` (three lines of context).
pub fn unified(path: &str, before: &str, after: &str) -> String {
    let diff = TextDiff::from_lines(before, after);
    let mut out = format!("diff --git a/{path} b/{path}\n");
    out.push_str(
        &diff
            .unified_diff()
            .context_radius(3)
            .header(&format!("a/{path}"), &format!("b/{path}"))
            .to_string(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diff_names_both_sides_and_marks_a_missing_final_line_break() {
        let diff = unified("data/x.json", "{\n  \"a\": \"NB\"\n}", "{\n  \"a\": \"nb\"\n}");
        assert_eq!(
            diff,
            "diff --git a/data/x.json b/data/x.json\n--- a/data/x.json\n+++ b/data/x.json\n@@ -1,3 +1,3 @@\n {\n-  \"a\": \"NB\"\n+  \"a\": \"nb\"\n }\n\\ No newline at end of file\n"
        );
    }
}
