//! The task and evidence lists as the window shows them: search, filters and sorting over every
//! record of an assessment, then one page of the result. The window asks for one page at a
//! time, so an assessment with thousands of tasks or files opens as quickly as a small one.

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::evidence::Evidence;
use crate::task::{Priority, Task, TaskStatus};

/// Rows on a page when the request does not say.
pub const PAGE_SIZE: usize = 100;
/// The most rows one page may hold.
pub const MAX_PAGE_SIZE: usize = 1_000;

/// One page of a filtered, sorted list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Records matching the search and filters.
    pub total: usize,
    /// Records in the list before any search or filter.
    pub all: usize,
    /// The page shown, from 0 (brought into range).
    pub page: usize,
    pub pages: usize,
    pub page_size: usize,
}

impl<T> Page<T> {
    /// Page `page` of `matching` (already filtered and sorted), out of `all` records.
    pub fn of(matching: Vec<T>, all: usize, page: usize, page_size: usize) -> Page<T> {
        let page_size = match page_size {
            0 => PAGE_SIZE,
            n => n.min(MAX_PAGE_SIZE),
        };
        let total = matching.len();
        let pages = total.div_ceil(page_size).max(1);
        let page = page.min(pages - 1);
        let items = matching
            .into_iter()
            .skip(page * page_size)
            .take(page_size)
            .collect();
        Page {
            items,
            total,
            all,
            page,
            pages,
            page_size,
        }
    }
}

impl<T> Page<T> {
    /// The same page with each item turned into another.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
            all: self.all,
            page: self.page,
            pages: self.pages,
            page_size: self.page_size,
        }
    }
}

/// Every word of the search (split on white space, case ignored) is somewhere in the text.
fn matches_words(words: &[String], text: &str) -> bool {
    if words.is_empty() {
        return true;
    }
    let text = text.to_lowercase();
    words.iter().all(|w| text.contains(w.as_str()))
}

fn words_of(search: &str) -> Vec<String> {
    search.split_whitespace().map(str::to_lowercase).collect()
}

fn text_order(a: &str, b: &str) -> Ordering {
    a.to_lowercase()
        .cmp(&b.to_lowercase())
        .then_with(|| a.cmp(b))
}

/// How the task list is sorted. Ties keep the order tasks were created in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskSort {
    /// Earliest due date first; tasks without one last.
    #[default]
    Due,
    /// High, medium, low.
    Priority,
    /// To do, in progress, done, risk accepted.
    Status,
    /// By owner's name; tasks without an owner last.
    Owner,
    Title,
}

/// What the task list shows: a search over title, notes, owner, question and criteria, the
/// filters, the sort and the page. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskQuery {
    pub search: String,
    pub owner: Option<String>,
    pub status: Option<TaskStatus>,
    pub priority: Option<Priority>,
    pub criterion: Option<String>,
    /// Only open tasks whose due date has passed.
    pub overdue: bool,
    pub sort: TaskSort,
    pub page: usize,
    /// Rows per page; 0 means [`PAGE_SIZE`].
    pub page_size: usize,
}

/// A page of tasks, with what the filters offer (every criterion any task maps to) and how
/// many tasks match in each status (the board's column counts).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskPage {
    #[serde(flatten)]
    pub page: Page<Task>,
    pub criteria: Vec<String>,
    pub by_status: Vec<(TaskStatus, usize)>,
}

fn status_rank(s: TaskStatus) -> usize {
    TaskStatus::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

fn priority_rank(p: Priority) -> usize {
    Priority::ALL.iter().position(|x| *x == p).unwrap_or(0)
}

/// Searches, filters and sorts every task (in the order they were created), then cuts out the
/// page asked for. `today` decides which tasks are overdue. Only the page's tasks are copied:
/// the list may be one kept from an earlier page (the store's reader keeps it).
pub fn task_page(tasks: &[Task], query: &TaskQuery, today: NaiveDate) -> TaskPage {
    let all = tasks.len();
    let criteria: Vec<String> = tasks
        .iter()
        .flat_map(|t| t.criteria.iter().map(String::as_str))
        .collect::<std::collections::BTreeSet<&str>>()
        .into_iter()
        .map(str::to_owned)
        .collect();
    let words = words_of(&query.search);
    let owner = query.owner.as_deref().filter(|o| !o.is_empty());
    let criterion = query.criterion.as_deref().filter(|c| !c.is_empty());
    let mut matching: Vec<&Task> = tasks
        .iter()
        .filter(|t| {
            owner.is_none_or(|o| t.owner.as_deref() == Some(o))
                && query.status.is_none_or(|s| t.status == s)
                && query.priority.is_none_or(|p| t.priority == p)
                && criterion.is_none_or(|c| t.criteria.iter().any(|x| x == c))
                && (!query.overdue || t.is_overdue(today))
                && (words.is_empty()
                    || matches_words(
                        &words,
                        &[
                            t.title.as_str(),
                            t.notes.as_str(),
                            t.owner.as_deref().unwrap_or(""),
                            t.question_id.as_deref().unwrap_or(""),
                            &t.criteria.join(" "),
                        ]
                        .join("\n"),
                    ))
        })
        .collect();
    match query.sort {
        TaskSort::Due => matching.sort_by_key(|t| (t.due.is_none(), t.due)),
        TaskSort::Priority => matching.sort_by_key(|t| priority_rank(t.priority)),
        TaskSort::Status => matching.sort_by_key(|t| status_rank(t.status)),
        TaskSort::Owner => matching.sort_by(|a, b| match (&a.owner, &b.owner) {
            (Some(x), Some(y)) => text_order(x, y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }),
        TaskSort::Title => matching.sort_by(|a, b| text_order(&a.title, &b.title)),
    }
    let by_status = TaskStatus::ALL
        .iter()
        .map(|s| (*s, matching.iter().filter(|t| t.status == *s).count()))
        .collect();
    TaskPage {
        page: Page::of(matching, all, query.page, query.page_size).map(Task::clone),
        criteria,
        by_status,
    }
}

/// How the evidence list is sorted. Ties keep the order the files were collected in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceSort {
    /// Oldest first, as collected.
    #[default]
    Collected,
    /// Newest first.
    Newest,
    /// By file name.
    Name,
    /// Largest first.
    Size,
}

/// What a piece of evidence is linked to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceLink {
    Question,
    Task,
}

/// What the evidence list shows: a search over the file name, what it is for, its SHA-256 and
/// date, a filter on what it is linked to, the sort and the page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EvidenceQuery {
    pub search: String,
    pub link: Option<EvidenceLink>,
    pub sort: EvidenceSort,
    pub page: usize,
    /// Rows per page; 0 means [`PAGE_SIZE`].
    pub page_size: usize,
}

/// Evidence as the list shows it: the record and, in words, what it is for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceRow {
    #[serde(flatten)]
    pub evidence: Evidence,
    /// "Task: <title>" or "Question: <id>".
    pub linked: String,
}

/// "Task: <title>" or "Question: <id>", with the title `task_title` gives.
pub fn linked_label(e: &Evidence, task_title: &dyn Fn(Uuid) -> Option<String>) -> String {
    match (e.task_id, &e.question_id) {
        (Some(t), _) => format!("Task: {}", task_title(t).unwrap_or_else(|| t.to_string())),
        (None, Some(q)) => format!("Question: {q}"),
        (None, None) => String::new(),
    }
}

/// Searches, filters and sorts every record (in the order collected), then cuts out the page.
pub fn evidence_page(
    evidence: Vec<Evidence>,
    query: &EvidenceQuery,
    task_title: &dyn Fn(Uuid) -> Option<String>,
) -> Page<EvidenceRow> {
    let all = evidence.len();
    let words = words_of(&query.search);
    let mut matching: Vec<EvidenceRow> = evidence
        .into_iter()
        .filter(|e| match query.link {
            None => true,
            Some(EvidenceLink::Task) => e.task_id.is_some(),
            Some(EvidenceLink::Question) => e.task_id.is_none(),
        })
        .map(|e| EvidenceRow {
            linked: linked_label(&e, task_title),
            evidence: e,
        })
        .filter(|r| {
            let e = &r.evidence;
            words.is_empty()
                || matches_words(
                    &words,
                    &[
                        e.original_name.as_str(),
                        r.linked.as_str(),
                        e.sha256.as_str(),
                        &e.collected_on.to_string(),
                    ]
                    .join("\n"),
                )
        })
        .collect();
    match query.sort {
        EvidenceSort::Collected => matching.sort_by_key(|r| r.evidence.collected_on),
        EvidenceSort::Newest => {
            matching.sort_by_key(|r| std::cmp::Reverse(r.evidence.collected_on))
        }
        EvidenceSort::Name => matching
            .sort_by(|a, b| text_order(&a.evidence.original_name, &b.evidence.original_name)),
        EvidenceSort::Size => matching.sort_by_key(|r| std::cmp::Reverse(r.evidence.size)),
    }
    Page::of(matching, all, query.page, query.page_size)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(n: usize, priority: Priority, due: Option<&str>, owner: Option<&str>) -> Task {
        let t: Task = serde_json::from_value(serde_json::json!({
            "id": Uuid::from_u128(n as u128),
            "assessment_id": Uuid::nil(),
            "title": format!("Task {n}"),
            "question_id": null,
            "criteria": if n.is_multiple_of(2) { vec!["CC6.1"] } else { vec!["CC7.2"] },
            "priority": priority,
            "owner": owner,
            "due": due,
            "notes": if n == 7 { "Needs the Okta export" } else { "" },
            "status": if n.is_multiple_of(3) { "done" } else { "todo" },
            "risk": null,
            "history": [{"status": "todo", "on": "2026-01-01", "risk": null}],
            "version": 1,
            "created_on": "2026-01-01",
        }))
        .expect("a task");
        t
    }

    fn tasks() -> Vec<Task> {
        (0..250)
            .map(|n| {
                let p = Priority::ALL[n % 3];
                let due = format!("2026-{:02}-01", 12 - n % 12);
                let due = (n % 5 != 4).then_some(due.as_str()).map(str::to_string);
                let owner = (n % 4 != 0).then_some(if n % 2 == 0 { "Dana" } else { "ali" });
                task(n, p, due.as_deref(), owner)
            })
            .collect()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 15).expect("date")
    }

    #[test]
    fn pages_cover_every_task_once_and_stay_in_range() {
        let q = TaskQuery::default();
        let mut seen = Vec::new();
        for page in 0..3 {
            let p = task_page(&tasks(), &TaskQuery { page, ..q.clone() }, today());
            assert_eq!((p.page.total, p.page.all, p.page.pages), (250, 250, 3));
            seen.extend(p.page.items.into_iter().map(|t| t.id));
        }
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 250);
        let past = task_page(&tasks(), &TaskQuery { page: 99, ..q }, today());
        assert_eq!((past.page.page, past.page.items.len()), (2, 50));
        let none = task_page(&[], &TaskQuery::default(), today());
        assert_eq!(
            (none.page.page, none.page.pages, none.page.total),
            (0, 1, 0)
        );
    }

    #[test]
    fn filters_search_and_sorting_apply_before_paging() {
        let p = task_page(
            &tasks(),
            &TaskQuery {
                status: Some(TaskStatus::Done),
                ..Default::default()
            },
            today(),
        );
        assert_eq!(p.page.total, 84);
        assert!(p.page.items.iter().all(|t| t.status == TaskStatus::Done));
        assert_eq!(p.by_status[2], (TaskStatus::Done, 84));
        assert_eq!(p.by_status[0], (TaskStatus::Todo, 0));

        let p = task_page(
            &tasks(),
            &TaskQuery {
                search: "okta NEEDS".into(),
                ..Default::default()
            },
            today(),
        );
        assert_eq!(
            p.page
                .items
                .iter()
                .map(|t| t.title.as_str())
                .collect::<Vec<_>>(),
            ["Task 7"]
        );

        let p = task_page(
            &tasks(),
            &TaskQuery {
                sort: TaskSort::Priority,
                page: 2,
                ..Default::default()
            },
            today(),
        );
        assert!(p.page.items.iter().all(|t| t.priority == Priority::Low));

        let p = task_page(
            &tasks(),
            &TaskQuery {
                sort: TaskSort::Due,
                page: 2,
                ..Default::default()
            },
            today(),
        );
        assert!(
            p.page.items.iter().all(|t| t.due.is_none()),
            "no due date last"
        );

        let p = task_page(
            &tasks(),
            &TaskQuery {
                sort: TaskSort::Owner,
                ..Default::default()
            },
            today(),
        );
        assert_eq!(
            p.page.items[0].owner.as_deref(),
            Some("ali"),
            "case ignored"
        );

        let p = task_page(
            &tasks(),
            &TaskQuery {
                overdue: true,
                owner: Some("Dana".into()),
                criterion: Some("CC6.1".into()),
                ..Default::default()
            },
            today(),
        );
        assert!(p.page.total > 0);
        assert!(p.page.items.iter().all(|t| t.is_overdue(today())
            && t.owner.as_deref() == Some("Dana")
            && t.criteria == ["CC6.1"]));
        assert_eq!(p.criteria, ["CC6.1", "CC7.2"]);
    }

    #[test]
    fn evidence_is_searched_filtered_and_sorted_over_every_record() {
        let e = |n: usize, task: Option<Uuid>| Evidence {
            id: Uuid::from_u128(n as u128),
            assessment_id: Uuid::nil(),
            original_name: format!("File {n}.pdf"),
            stored_path: String::new(),
            size: n as u64,
            sha256: "ab".repeat(32),
            collected_on: NaiveDate::from_ymd_opt(2026, 1, 1).expect("date")
                + chrono::Days::new(n as u64),
            question_id: task.is_none().then(|| "cc6-mfa".to_string()),
            task_id: task,
            removed_at: None,
        };
        let t = Uuid::from_u128(9999);
        let list: Vec<Evidence> = (0..150).map(|n| e(n, (n % 2 == 1).then_some(t))).collect();
        let title = |id: Uuid| (id == t).then(|| "Turn on MFA".to_string());
        let p = evidence_page(list.clone(), &EvidenceQuery::default(), &title);
        assert_eq!((p.total, p.pages, p.items.len()), (150, 2, 100));
        assert_eq!(p.items[1].linked, "Task: Turn on MFA");
        let p = evidence_page(
            list.clone(),
            &EvidenceQuery {
                search: "file 149.pdf".into(),
                ..Default::default()
            },
            &title,
        );
        assert_eq!(
            p.items.iter().map(|r| r.evidence.size).collect::<Vec<_>>(),
            [149]
        );
        let p = evidence_page(
            list.clone(),
            &EvidenceQuery {
                link: Some(EvidenceLink::Task),
                sort: EvidenceSort::Newest,
                ..Default::default()
            },
            &title,
        );
        assert_eq!(p.total, 75);
        assert_eq!(p.items[0].evidence.size, 149);
        let p = evidence_page(
            list,
            &EvidenceQuery {
                search: "mfa".into(),
                link: Some(EvidenceLink::Question),
                ..Default::default()
            },
            &title,
        );
        assert_eq!(p.total, 75, "what it is for is searched");
    }
}
