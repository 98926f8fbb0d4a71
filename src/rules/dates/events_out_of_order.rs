//! Events are listed in chronological order, so the file reads as a timeline.

use crate::diagnostics::fix::Fix;
use crate::diagnostics::Diagnostic;
use crate::model::date::PartialDate;
use crate::model::relation::Relation;
use crate::model::DateText;
use crate::rules::{quote, FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R206",
    name: "events-out-of-order",
    group: Group::Dates,
    level: Level::Error,
    fix: Fixable::Unsafe,
    summary: "an event is listed after an event that happened later",
    why: "`events` is a timeline: readers and tools rely on its order. A reduced-precision date covers an interval of days, so the rule fires only when the order is certainly wrong: `2023-05` after `2023-05-03` is fine, `2023-04` after `2023-05-03` is not. The diagnostic names the earlier-listed event that happened later.",
    example: "\"events\": [ { \"date\": \"2022-09-30\", … }, { \"date\": \"2022-08-20\", … } ]",
    instead: "Move the marked event before the one the secondary label points at (or correct its date).",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let dated: Vec<(usize, &DateText, PartialDate)> = relation
        .events
        .iter()
        .enumerate()
        .filter_map(|(i, event)| {
            let text = event.date.as_ref()?;
            Some((i, text, text.date.clone().ok()?))
        })
        .collect();
    // The events that keep their places: the longest run, in listed order, whose dates do not go
    // back. Only the others are reported, so one event with a wrong date (or in the wrong place)
    // is one finding, not one for every event after it.
    let kept = longest_ordered(&dated);
    if kept.iter().all(|&k| k) {
        return;
    }
    // One fix for the whole list, carried by each of its findings (applied once).
    let fix = (dated.len() == relation.events.len())
        .then(|| date_order(&dated))
        .flatten()
        .and_then(|order| context.edits().reorder("/events", &order))
        .and_then(|edits| Fix::unsafe_edit("put the events in date order", edits));
    let name = |i: usize| {
        relation.events[i]
            .id
            .as_ref()
            .map_or(format!("event {i}"), |id| format!("event {}", quote(id.value)))
    };
    for (k, &(index, date_text, date)) in dated.iter().enumerate() {
        if kept[k] {
            continue;
        }
        // The kept events listed before it that happened later, and after it that happened earlier.
        let later_before = (0..k).rev().find(|&j| kept[j] && date.certainly_before(&dated[j].2));
        let earlier_after = (k + 1..dated.len()).find(|&j| kept[j] && dated[j].2.certainly_before(&date));
        // Where this event is listed relative to the witness, and where the witness is.
        let (witness, listed, other) = match (later_before, earlier_after) {
            (Some(j), _) => (j, "after", "before"),
            (None, Some(j)) => (j, "before", "after"),
            (None, None) => continue,
        };
        let message = format!(
            "{} ({}) is listed {listed} {} ({})",
            name(index),
            date_text.value,
            name(dated[witness].0),
            dated[witness].1.value
        );
        let label = format!("listed {other} it, but dated {}", dated[witness].1.value);
        let help = format!(
            "events must be in chronological order; move this event {other} {}, or correct its date",
            name(dated[witness].0)
        );
        let here = if later_before.is_some() {
            "this event happened earlier"
        } else {
            "this event happened later"
        };
        out.push(
            context
                .diagnostic(&RULE, &date_text.pointer(), message)
                .primary(context.value_span(&date_text.pointer()), here)
                .secondary(context.value_span(&dated[witness].1.pointer()), label)
                .help(help)
                .fix(fix.clone()),
        );
    }
}

/// Lists longer than this get no fix: finding the order compares events pairwise.
const MAX_REORDERED: usize = 1000;

/// The order (`order[i]`: the listed index of the event that goes to place `i`) that puts every
/// event in date order by moving an event only before events it certainly happened before, or
/// `None` when no such order exists (`2023-06`, `2023`, `2023-05-03`: where `2023` goes is a
/// guess). Unsafe all the same: a date out of order is as often a wrong date as a misplaced event.
fn date_order(dated: &[(usize, &DateText, PartialDate)]) -> Option<Vec<usize>> {
    if dated.len() > MAX_REORDERED {
        return None;
    }
    // An insertion sort whose only moves are the certain ones, then a check that the result is
    // in order.
    let mut order: Vec<usize> = Vec::with_capacity(dated.len());
    for (i, (_, _, date)) in dated.iter().enumerate() {
        let mut place = order.len();
        while place > 0 && date.certainly_before(&dated[order[place - 1]].2) {
            place -= 1;
        }
        order.insert(place, i);
    }
    // In order when no event comes certainly before one placed ahead of it: its last day is not
    // before the latest first day ahead of it.
    let mut latest_first = chrono::NaiveDate::MIN;
    for &i in &order {
        let date = &dated[i].2;
        if date.last < latest_first {
            return None;
        }
        latest_first = latest_first.max(date.first);
    }
    Some(order.iter().map(|&i| dated[i].0).collect())
}

/// Which of `dated` (in listed order) belong to a longest subsequence whose first days do not
/// decrease (patience sorting, O(n log n)); ties are broken towards keeping earlier-listed events.
fn longest_ordered(dated: &[(usize, &DateText, PartialDate)]) -> Vec<bool> {
    // An open start (`[..2022-01-15]`) is placed by its end: it sits anywhere before it.
    let keys: Vec<chrono::NaiveDate> = dated
        .iter()
        .map(|(_, _, date)| {
            if date.first == chrono::NaiveDate::MIN {
                date.last
            } else {
                date.first
            }
        })
        .collect();
    // tails[l]: index of the smallest last key of a run of length l + 1; previous links for the run.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; keys.len()];
    for i in 0..keys.len() {
        let length = tails.partition_point(|&t| keys[t] <= keys[i]);
        previous[i] = length.checked_sub(1).map(|l| tails[l]);
        if length == tails.len() {
            tails.push(i);
        } else {
            tails[length] = i;
        }
    }
    let mut kept = vec![false; keys.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        kept[i] = true;
        at = previous[i];
    }
    kept
}
