//! How long the window takes to show the Tasks, Evidence and Questionnaire tabs of a large
//! assessment, measured in the real app over WebDriver (Xvfb, tauri-driver, WebKitWebDriver;
//! the harness of `tests/support`).
//!
//! `cargo bench --bench window` seeds 5,000 tasks and 5,000 evidence records
//! (`preflight_fixtures::seed_large`) into a temporary data folder, starts the app on it, opens
//! the assessment and then, round after round, opens Tasks, Evidence and the Questionnaire in
//! turn, then Tasks again just after a write to the file that changes no task (a person added
//! and removed: no task is read again), the Questionnaire, Tasks just after a task was edited
//! (that task is read again) and the Questionnaire again. Each figure is measured in the page: `performance.now()` just before the tab's link is
//! clicked (from a script run over WebDriver) to the first frame drawn after the tab's list is
//! in the document (a `MutationObserver` sees it, then one `requestAnimationFrame` and a
//! `setTimeout`). The first round warms up and is not counted. All rounds are run twice: with
//! each click as soon as the tab before is drawn, and with a person's pause (1 s) before each
//! click, so that what a tab leaves to do after it is drawn (taking the tab before down) is
//! not counted against the next.
//!
//! Options after `--`: the numbers of tasks and evidence records and of rounds, e.g.
//! `cargo bench --bench window -- 5000 5000 7`. `PREFLIGHT_APP_BINARY` drives another build
//! of the app (the figures before a change were taken that way). Figures: docs/benchmarks.md.
//!
//! Under `cargo test --all-targets` this binary runs without `--bench` and does nothing.

#[cfg(target_os = "linux")]
#[path = "../tests/support/mod.rs"]
mod support;

#[cfg(not(target_os = "linux"))]
fn main() {
    println!("The window benchmark runs on Linux only (tauri-driver).");
}

#[cfg(target_os = "linux")]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.iter().any(|a| a == "--bench") {
        println!("The window benchmark runs only with `cargo bench --bench window`.");
        return;
    }
    let numbers: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let tasks = numbers.first().copied().unwrap_or(5_000);
    let evidence = numbers.get(1).copied().unwrap_or(5_000);
    let rounds = numbers.get(2).copied().unwrap_or(7).max(1);
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime")
        .block_on(bench::run(tasks, evidence, rounds));
}

#[cfg(target_os = "linux")]
mod bench {
    use std::time::{Duration, Instant};

    use crate::support::Session;

    /// A tab: its link, what shows that its list is drawn, and what is written to the file
    /// just before it is opened (a script run in the page, given the assessment's id).
    struct Tab {
        name: &'static str,
        link: &'static str,
        ready: &'static str,
        changed: Option<&'static str>,
    }

    const TASKS: &str = "#task-table tbody tr";
    const QUESTIONS: &str = "#tab-panel [data-question]";

    /// Each round, in this order. Tasks is opened three times, from the Questionnaire each
    /// time: with the file as it was when the list was last read (the app's reader keeps the
    /// tasks), just after a write that changes no task, and just after a task was edited (the
    /// reader reads that one again).
    const TABS: [Tab; 7] = [
        Tab {
            name: "Tasks",
            link: "tab-tasks",
            ready: TASKS,
            changed: None,
        },
        Tab {
            name: "Evidence",
            link: "tab-evidence",
            ready: "#evidence-table tbody tr",
            changed: None,
        },
        Tab {
            name: "Questionnaire",
            link: "tab-questions",
            ready: QUESTIONS,
            changed: None,
        },
        Tab {
            name: "Tasks, a person",
            link: "tab-tasks",
            ready: TASKS,
            changed: Some(PERSON_ADDED_AND_REMOVED),
        },
        Tab {
            name: "Questionnaire",
            link: "tab-questions",
            ready: QUESTIONS,
            changed: None,
        },
        Tab {
            name: "Tasks, a task",
            link: "tab-tasks",
            ready: TASKS,
            changed: Some(TASK_EDITED),
        },
        Tab {
            name: "Questionnaire",
            link: "tab-questions",
            ready: QUESTIONS,
            changed: None,
        },
    ];

    /// A write to the file that changes no task: a person added and removed.
    const PERSON_ADDED_AND_REMOVED: &str = r#"
const [id, done] = arguments;
const invoke = window.__TAURI__.core.invoke;
invoke('add_person', { id, name: 'Benchmark Person' })
  .then(() => invoke('remove_person', { id, name: 'Benchmark Person' }))
  .then(() => done(null), (e) => done(String(e && e.message || e)));
"#;

    /// A task edited as the Edit dialog saves it: the first of the list gets a note, or loses it.
    const TASK_EDITED: &str = r#"
const [id, done] = arguments;
const invoke = window.__TAURI__.core.invoke;
invoke('task_page', { id, query: { page_size: 1 } })
  .then((p) => {
    const t = p.items[0];
    const notes = t.notes === 'Benchmark note' ? '' : 'Benchmark note';
    return invoke('update_task', { taskId: t.id, edit: { version: t.version, title: t.title,
      priority: t.priority, owner: t.owner, due: t.due, notes } });
  })
  .then(() => done(null), (e) => done(String(e && e.message || e)));
"#;

    /// Clicks the tab's link in the page and answers, in milliseconds, when the first frame
    /// after its list appeared was drawn.
    const OPEN_TAB: &str = r#"
const [link, ready, done] = arguments;
const isReady = () => document.getElementById(link)?.getAttribute('aria-current') === 'page'
  && document.querySelector(ready) !== null;
let finished = false;
const oldPanel = document.getElementById('tab-panel');
let panelAt = NaN;
const t0 = performance.now();
const finish = () => {
  if (finished) return;
  finished = true;
  observer.disconnect();
  const listed = performance.now() - t0;
  requestAnimationFrame(() => setTimeout(() => done({
    ms: performance.now() - t0,
    listed,
    panel: panelAt,
  }), 0));
};
const observer = new MutationObserver(() => {
  if (Number.isNaN(panelAt) && document.getElementById('tab-panel') !== oldPanel) panelAt = performance.now() - t0;
  if (isReady()) finish();
});
observer.observe(document.body, { childList: true, subtree: true });
document.getElementById(link).click();
"#;

    /// Calls one command as the tab does and answers its time and the size of its JSON.
    const TIME_COMMAND: &str = r#"
const [cmd, id, done] = arguments;
const t0 = performance.now();
window.__TAURI__.core.invoke(cmd, { id, query: {} }).then(
  (r) => done({ ms: performance.now() - t0, bytes: JSON.stringify(r).length }),
  (e) => done({ error: String(e && e.message || e) }));
"#;

    pub async fn run(tasks: usize, evidence: usize, rounds: usize) {
        let data = tempfile::tempdir().expect("tempdir");
        let t = Instant::now();
        let mut store = preflight_store::Store::open_dir(data.path()).expect("open the store");
        let catalog = preflight_catalog::embedded().expect("catalog");
        let id = preflight_fixtures::seed_large(&mut store, catalog, tasks, evidence)
            .expect("seed the assessment");
        println!(
            "seeded {tasks} tasks and {evidence} evidence records in {:.1} s",
            t.elapsed().as_secs_f64()
        );
        // The part of a command that is not the trip to the window: reading every task.
        let t = Instant::now();
        let all = store.tasks(id).expect("tasks");
        let read = t.elapsed();
        let t = Instant::now();
        let json = serde_json::to_vec(&all).expect("json");
        println!(
            "store.tasks: {:.1} ms to read {} tasks, {:.1} ms to write their {} KiB of JSON",
            read.as_secs_f64() * 1e3,
            all.len(),
            t.elapsed().as_secs_f64() * 1e3,
            json.len() / 1024
        );
        drop(store);
        println!("app: {}", crate::support::app_binary().display());

        let s = Session::start(data.path()).await;
        // The build before paging took longer than WebDriver's default 30 s for one tab.
        s.client
            .update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
                Some(Duration::from_secs(300)),
                None,
                None,
            ))
            .await
            .expect("script timeout");
        s.find("#assessment-list").await;
        s.client
            .execute(
                "location.hash = `#/a/${arguments[0]}`",
                vec![id.to_string().into()],
            )
            .await
            .expect("open the assessment");
        s.find("#tab-panel [data-question]").await;

        for (cmd, label) in [
            "tasks",
            "task_page",
            // Again: the reader kept the tasks it read for the first call.
            "task_page",
            "evidence",
            "evidence_page",
            "task_titles",
            "evidence_dates",
            "people",
            "get_assessment",
            "readiness",
            "auditor_comments",
            "register_facts",
        ]
        .iter()
        .enumerate()
        .map(|(i, cmd)| match i {
            2 => (*cmd, "task_page, kept"),
            _ => (*cmd, *cmd),
        }) {
            let r = s
                .client
                .execute_async(TIME_COMMAND, vec![cmd.into(), id.to_string().into()])
                .await
                .expect("time a command");
            match (r["ms"].as_f64(), r["bytes"].as_u64()) {
                (Some(ms), Some(bytes)) => println!(
                    "command {label:<16} {ms:7.1} ms  {:>6} KiB of JSON",
                    bytes / 1024
                ),
                _ => println!("command {label:<16} {r}"),
            }
        }

        // Two ways of going from tab to tab: at once, the next click as soon as a tab is
        // drawn (what the previous tab leaves to do afterwards falls on the next one), and as
        // a person does, a moment after the tab appeared.
        let mut tables = Vec::new();
        for pause in [Duration::ZERO, PERSON_PAUSE] {
            let times = rounds_of_tabs(&s, &id.to_string(), rounds, pause).await;
            tables.push((pause, times));
        }
        s.screenshot("bench-last-tab").await;
        s.close().await;

        for (pause, times) in tables {
            if pause.is_zero() {
                println!("\nopen a tab, click to first frame drawn, each click as soon as the tab before is drawn ({rounds} rounds after one warm-up, ms):");
            } else {
                println!("\nthe same, each click {} ms after the tab before was drawn ({rounds} rounds after one warm-up, ms):", pause.as_millis());
            }
            println!(
                "{:<16} {:>8} {:>8} {:>8}",
                "tab", "median", "fastest", "slowest"
            );
            // The Questionnaire's three openings are one row, where it first comes.
            let mut rows: Vec<(&str, Vec<f64>)> = Vec::new();
            let (mut questionnaire, mut at) = (Vec::new(), None);
            for (tab, t) in TABS.iter().zip(times) {
                if tab.link == "tab-questions" {
                    questionnaire.extend(t);
                    at.get_or_insert_with(|| {
                        rows.push((tab.name, Vec::new()));
                        rows.len() - 1
                    });
                } else {
                    rows.push((tab.name, t));
                }
            }
            if let Some(i) = at {
                rows[i].1 = questionnaire;
            }
            for (name, mut t) in rows {
                t.sort_by(f64::total_cmp);
                println!(
                    "{:<16} {:>8.1} {:>8.1} {:>8.1}",
                    name,
                    t[t.len() / 2],
                    t[0],
                    t[t.len() - 1]
                );
            }
        }
    }

    /// How long a person takes at the least between seeing a tab and clicking the next.
    const PERSON_PAUSE: Duration = Duration::from_millis(1000);

    /// Opens the tabs round after round, `pause` after each tab was drawn; answers each tab's
    /// times (the warm-up round not counted) and prints the last round's details.
    async fn rounds_of_tabs(
        s: &Session,
        id: &str,
        rounds: usize,
        pause: Duration,
    ) -> Vec<Vec<f64>> {
        let mut times: Vec<Vec<f64>> = vec![Vec::new(); TABS.len()];
        for round in 0..=rounds {
            for (i, tab) in TABS.iter().enumerate() {
                tokio::time::sleep(pause).await;
                if let Some(change) = tab.changed {
                    let r = s
                        .client
                        .execute_async(change, vec![id.into()])
                        .await
                        .expect("change the file");
                    assert!(r.is_null(), "change the file: {r}");
                }
                let r = s
                    .client
                    .execute_async(OPEN_TAB, vec![tab.link.into(), tab.ready.into()])
                    .await
                    .unwrap_or_else(|e| panic!("open {}: {e}", tab.name));
                let ms = r["ms"].as_f64().expect("a time in ms");
                if round > 0 {
                    times[i].push(ms);
                }
                if round == rounds {
                    println!(
                        "last round ({} ms pause), {}: {ms:.0} ms; new page (header and tabs) in the document at {:.0} ms, its list at {:.0} ms",
                        pause.as_millis(),
                        tab.name,
                        r["panel"].as_f64().unwrap_or(f64::NAN),
                        r["listed"].as_f64().unwrap_or(f64::NAN),
                    );
                }
            }
        }
        times
    }
}
