//! "Did you mean …?": the nearest of a set of names to what was written, within a small edit
//! distance. Bounded, because hostile files make it expensive: an id of a thousand characters, a
//! people.json of a hundred thousand entries, thousands of unknown ids in one file. Names longer
//! than `MAX_LEN` are never compared, candidates whose length alone rules them out are skipped, the
//! distance is computed in a band that stops as soon as it exceeds the limit, and each file has a
//! budget of comparison steps, spent search by search: a search the rest of the budget cannot pay
//! for is not started (and so never stops half-way, which would make its answer depend on the order
//! candidates come in).

use std::cell::Cell;

/// Names longer than this are not compared: no one mistypes a 65-character id by one letter and
/// expects a suggestion, and comparing long names costs their length squared.
pub const MAX_LEN: usize = 64;

/// Comparison steps (cells of the distance table) one file may spend on suggestions.
pub const STEPS_PER_FILE: u64 = 20_000_000;

/// What is left of one file's budget for suggestions.
#[derive(Debug)]
pub struct Budget {
    steps: Cell<u64>,
}

impl Default for Budget {
    fn default() -> Self {
        Self::new(STEPS_PER_FILE)
    }
}

impl Budget {
    pub fn new(steps: u64) -> Self {
        Self {
            steps: Cell::new(steps),
        }
    }

    /// An unlimited budget, for one-off searches outside a file (rule names, configuration keys).
    pub fn unlimited() -> Self {
        Self::new(u64::MAX)
    }

    /// The nearest of `candidates` to `name` within the edit distance its length allows, never
    /// `name` itself. A candidate that differs only in case wins (`se` → `SE`).
    pub fn closest<'a>(&self, name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
        let length = name.chars().count();
        if length > MAX_LEN || self.steps.get() == 0 {
            return None;
        }
        let limit = limit(length);
        let eligible = |candidate: &&str| {
            let n = candidate.len();
            // Byte length bounds the character count from above, and by a factor of 4 from below.
            n <= 4 * MAX_LEN && n + 4 * limit >= length && n / 4 <= length + limit && *candidate != name
        };
        let candidates: Vec<&str> = candidates.into_iter().filter(eligible).collect();
        let cost = candidates.len() as u64 * (length as u64 + 1) * (2 * limit as u64 + 1);
        let left = self.steps.get();
        if cost > left {
            self.steps.set(0);
            return None;
        }
        self.steps.set(left - cost);
        let lower: Vec<char> = name.chars().flat_map(char::to_lowercase).collect();
        let mut best: Option<(usize, &str)> = None;
        for candidate in candidates {
            let other: Vec<char> = candidate.chars().flat_map(char::to_lowercase).collect();
            let bound = best.map_or(limit, |(d, _)| d.min(limit));
            if let Some(distance) = bounded_distance(&lower, &other, bound) {
                if best.is_none_or(|(d, c)| (distance, candidate) < (d, c)) {
                    best = Some((distance, candidate));
                }
            }
        }
        best.map(|(_, candidate)| candidate)
    }
}

impl Budget {
    /// `closest`, for member names: among the few names an object may have, a three-letter name
    /// one edit from one of them (`dat`, `knd`, `cty`) is a suggestion too.
    pub fn closest_key<'a>(&self, name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
        let candidates: Vec<&str> = candidates.into_iter().collect();
        self.closest(name, candidates.iter().copied()).or_else(|| {
            let short = name.chars().count() == 3;
            let near: Vec<&str> = candidates
                .iter()
                .copied()
                .filter(|c| short && c.len() <= 6 && c.to_lowercase() != name.to_lowercase())
                .filter(|c| {
                    let (a, b): (Vec<char>, Vec<char>) = (
                        name.to_lowercase().chars().collect(),
                        c.to_lowercase().chars().collect(),
                    );
                    bounded_distance(&a, &b, 1).is_some()
                })
                .collect();
            // Only an unambiguous near name is a suggestion.
            match near.as_slice() {
                [only] => Some(*only),
                _ => None,
            }
        })
    }
}

/// "did you mean `x`?", naming the characters of `written` that are not plain ASCII where the
/// suggestion has a look-alike (a Cyrillic `к` in a Latin id looks identical; saying so is the help).
pub fn did_you_mean(written: &str, suggestion: &str) -> String {
    let mut help = format!("did you mean {}?", crate::rules::quote(suggestion));
    let odd: Vec<String> = written
        .chars()
        .enumerate()
        .filter(|&(_, ch)| !ch.is_ascii() && !suggestion.contains(ch))
        .map(|(i, ch)| {
            let name = unicode_names2::name(ch).map_or_else(|| "a character".to_owned(), |n| n.to_string());
            let looks = ascii_lookalike(ch).map_or(String::new(), |a| format!(", which looks like `{a}`"));
            format!(
                "`{}` at position {} is U+{:04X} {name}{looks}",
                crate::diagnostics::escape::visible(&ch.to_string()),
                i + 1,
                ch as u32
            )
        })
        .take(3)
        .collect();
    if !odd.is_empty() {
        help.push_str(&format!(" ({})", odd.join("; ")));
    }
    help
}

/// The ASCII letter a Cyrillic or Greek letter is drawn like, in the fonts data is read in.
pub fn ascii_lookalike(ch: char) -> Option<char> {
    Some(match ch {
        'а' | 'α' => 'a',
        'в' => 'B',
        'с' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'ε' => 'e',
        'һ' => 'h',
        'і' | 'ι' => 'i',
        'ј' => 'j',
        'к' | 'κ' => 'k',
        'ӏ' => 'l',
        'м' => 'M',
        'н' => 'H',
        'о' | 'ο' => 'o',
        'р' | 'ρ' => 'p',
        'ԛ' => 'q',
        'ѕ' => 's',
        'т' | 'τ' => 'T',
        'у' | 'γ' => 'y',
        'ѵ' | 'ν' => 'v',
        'ԝ' => 'w',
        'х' | 'χ' => 'x',
        'А' | 'Α' => 'A',
        'В' | 'Β' => 'B',
        'С' => 'C',
        'Е' | 'Ε' => 'E',
        'Н' | 'Η' => 'H',
        'І' | 'Ι' => 'I',
        'Ј' => 'J',
        'К' | 'Κ' => 'K',
        'М' | 'Μ' => 'M',
        'О' | 'Ο' => 'O',
        'Р' | 'Ρ' => 'P',
        'Ѕ' => 'S',
        'Т' | 'Τ' => 'T',
        'Х' | 'Χ' => 'X',
        'У' | 'Υ' => 'Y',
        'Ζ' => 'Z',
        _ => return None,
    })
}

/// The edit distance a name of `length` characters may be from a suggestion: short names are too
/// close to everything for a distance to mean anything, so they get only case-only matches.
fn limit(length: usize) -> usize {
    match length {
        0..=3 => 0,
        4..=6 => 1,
        7..=10 => 2,
        _ => 3,
    }
}

/// The optimal string alignment distance of `a` and `b` (insertions, deletions, substitutions and
/// transpositions of neighbours), when it is at most `bound`; computed only in the diagonal band
/// of width `2 * bound + 1`, and given up as soon as a whole row exceeds `bound`.
fn bounded_distance(a: &[char], b: &[char], bound: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > bound {
        return None;
    }
    const FAR: usize = usize::MAX / 2;
    let width = b.len() + 1;
    // Three rows: the one before the previous (for transpositions), the previous, the current.
    let mut before = vec![FAR; width];
    let mut previous: Vec<usize> = (0..width).map(|j| if j <= bound { j } else { FAR }).collect();
    let mut current = vec![FAR; width];
    for i in 1..=a.len() {
        let from = i.saturating_sub(bound).max(1);
        let to = (i + bound).min(b.len());
        current.fill(FAR);
        if i <= bound {
            current[0] = i;
        }
        let mut row_best = current[0];
        for j in from..=to {
            let substitution = previous[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut cell = substitution.min(previous[j] + 1).min(current[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cell = cell.min(before[j - 2] + 1);
            }
            current[j] = cell;
            row_best = row_best.min(cell);
        }
        if row_best > bound {
            return None;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    let distance = previous[b.len()];
    (distance <= bound).then_some(distance)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn closest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
        Budget::unlimited().closest(name, candidates.iter().copied())
    }

    #[test]
    fn suggests_only_near_names_and_never_the_name_itself() {
        let names = ["retrieved", "published", "title"];
        assert_eq!(closest("retreived", &names), Some("retrieved"));
        assert_eq!(closest("titel", &names), Some("title"));
        assert_eq!(closest("author", &names), None);
        assert_eq!(closest("b", &["a"]), None);
        assert_eq!(closest("NO", &["no"]), Some("no"));
        assert_eq!(closest("se", &["se", "SE"]), Some("SE"));
        assert_eq!(closest("title", &["title"]), None);
    }

    #[test]
    fn a_near_miss_names_its_odd_character() {
        assert_eq!(
            did_you_mean("nrк-2022", "nrk-2022"),
            "did you mean `nrk-2022`? (`к` at position 3 is U+043A CYRILLIC SMALL LETTER KA, which looks like `k`)"
        );
        assert_eq!(did_you_mean("titel", "title"), "did you mean `title`?");
    }

    #[test]
    fn the_banded_distance_agrees_with_the_full_one() {
        let words = [
            "", "a", "ab", "ba", "abc", "acb", "kitten", "sitting", "støre", "store", "Київ", "Kyiv",
        ];
        for a in words {
            for b in words {
                let a_chars: Vec<char> = a.chars().collect();
                let b_chars: Vec<char> = b.chars().collect();
                let full = strsim::osa_distance(a, b);
                for bound in 0..4 {
                    let expected = (full <= bound).then_some(full);
                    assert_eq!(
                        bounded_distance(&a_chars, &b_chars, bound),
                        expected,
                        "{a:?} {b:?} {bound}"
                    );
                }
            }
        }
    }

    #[test]
    fn long_names_are_not_compared_and_the_budget_runs_out_whole() {
        let long = "a".repeat(MAX_LEN + 1);
        assert_eq!(closest(&long, &[&long[1..]]), None);
        let candidates: Vec<String> = (0..1000).map(|i| format!("candidate-{i:04}")).collect();
        let budget = Budget::new(100_000);
        let search = || budget.closest("candidate-0001x", candidates.iter().map(String::as_str));
        // 1,000 candidates × 16 characters × 7 cells each is more than the budget: no answer, and
        // nothing left for the next search either.
        assert_eq!(search(), None);
        assert_eq!(budget.closest("titel", ["title"].into_iter()), None);
    }
}
