//! The real window, driven over WebDriver: create an assessment, answer a question, quit,
//! relaunch, and find the answer still there; then rename and delete with confirmation.
//! Linux only: it runs the app under Xvfb through tauri-driver and WebKitWebDriver.

#![cfg(target_os = "linux")]

mod support;

use support::Session;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn journey_in_the_real_window_survives_a_relaunch() {
    let data = tempfile::tempdir().expect("tempdir");

    // First launch: empty list.
    let s = Session::start(data.path()).await;
    s.find("#empty-list").await;
    s.screenshot("01-empty-list").await;

    // New assessment: Security is forced in; an empty company name is refused with a message.
    s.click("#new-assessment").await;
    s.press_enter("#skip-wizard").await;
    s.find("#new-form").await;
    assert!(
        s.checked("input[name=category][value=security]").await,
        "Security is checked"
    );
    let disabled = s
        .find("input[name=category][value=security]")
        .await
        .prop("disabled")
        .await
        .ok()
        .flatten();
    assert_eq!(
        disabled.as_deref(),
        Some("true"),
        "Security cannot be removed"
    );
    s.click("input[name=type][value=type2]").await;
    s.wait_text("#timeline", "Observation window opens").await;
    s.click("input[name=category][value=availability]").await;
    s.type_into("#obs-start", "2026-07-01").await;
    s.click("#create").await;
    s.wait_text("#form-error", "company name is empty").await;
    s.type_into("#company", "Acme Window Test").await;
    s.type_into("#obs-end", "2026-03-01").await;
    s.click("#create").await;
    s.wait_text("#form-error", "ends (2026-03-01) on or before it starts")
        .await;
    s.screenshot("02-new-assessment-error").await;
    s.type_into("#obs-end", "2026-12-31").await;
    s.click("#create").await;

    // Questionnaire: answer one question with a note; it saves at once.
    s.find("[data-question=cc6-mfa]").await;
    s.find("[data-question=a1-backups-restored]").await;
    s.click("input[name=answer-cc6-mfa][value=partly]").await;
    s.wait_text("[data-question=cc6-mfa] .save-status", "Saved")
        .await;
    s.type_into("#note-cc6-mfa", "MFA on GitHub, not yet on AWS — שלום")
        .await;
    s.click("#assessment-title").await; // blur: the note saves
    s.wait_text("#overall", "1 of").await;
    s.screenshot("03-questionnaire").await;

    // Gaps and readiness tab.
    s.click("#tab-gaps").await;
    s.find("#readiness-table").await;
    s.find("#gap-list [data-question=cc6-mfa]").await;
    s.screenshot("04-gaps").await;
    s.close().await;

    // Relaunch: the assessment and the answer are still there.
    let s = Session::start(data.path()).await;
    s.wait_text("#assessment-list", "Acme Window Test").await;
    s.screenshot("05-list").await;
    s.click("#assessment-list .open-assessment").await;
    s.find("[data-question=cc6-mfa]").await;
    assert!(
        s.checked("input[name=answer-cc6-mfa][value=partly]").await,
        "the answer survived the relaunch"
    );
    assert_eq!(
        s.value("#note-cc6-mfa").await,
        "MFA on GitHub, not yet on AWS — שלום"
    );

    // Rename, then delete with confirmation.
    s.click("a[href='#/']").await;
    s.click("#assessment-list .rename").await;
    s.type_into("#rename-input", "Last year's readiness").await;
    s.click("#modal-ok").await;
    s.wait_text("#assessment-list", "Last year's readiness")
        .await;
    s.click("#assessment-list .delete").await;
    s.wait_text("#modal-title", "Delete this assessment?").await;
    // The confirmation names what goes, counted: here the one answer (with its note).
    s.wait_text("#delete-contents", "1 answer").await;
    s.screenshot("06-delete-confirm").await;
    s.click("#modal-ok").await;
    s.find("#empty-list").await;
    s.close().await;
}

/// The scoping wizard: answer the company profile, accept the recommendation, and land on a
/// questionnaire whose question count matches the scope.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wizard_recommends_a_scope_and_the_questionnaire_matches_it() {
    use preflight_assessment::{ReportKind, ReportType, Scope};
    let data = tempfile::tempdir().expect("tempdir");
    let s = Session::start(data.path()).await;
    s.click("#new-assessment").await;
    s.find("#profile-form").await;
    s.type_into("#p-service", "Scheduling software for clinics")
        .await;
    s.click("input[name=p-customer_data][value=true]").await;
    s.click("input[name=p-uptime_commitment][value=true]").await;
    s.click("input[name=p-personal_info][value=end_users]")
        .await;
    s.click("input[name=p-customer_ask][value=soc2_type2]")
        .await;
    // A later report: the window follows the previous period. A remote company of six.
    s.click("input[name=p-first_report][value=false]").await;
    s.type_into("#p-previous_period_end", "2026-09-30").await;
    s.type_into("#p-head_count", "6").await;
    s.click("input[name=p-has_office][value=false]").await;
    s.screenshot("07-wizard-profile").await;
    s.click("#recommend").await;

    // The recommendation, each with its reason; Security forced; justification for the rest.
    s.wait_text("#reason-kind", "asking for a SOC 2").await;
    s.wait_text("#reason-availability", "uptime").await;
    s.wait_text("#reason-privacy", "personal information").await;
    assert!(s.checked("input[name=kind][value=soc2]").await);
    assert!(s.checked("input[name=type][value=type2]").await);
    assert!(s.checked("input[name=category][value=availability]").await);
    assert!(s.checked("input[name=category][value=privacy]").await);
    assert!(
        !s.checked("input[name=category][value=confidentiality]")
            .await
    );
    assert!(
        !s.value("#just-confidentiality").await.trim().is_empty(),
        "a suggested justification"
    );
    s.wait_text("#reason-type", "1 October 2026").await;
    s.wait_text("#report-path", "Type 2").await;
    s.wait_text("#na-field", "visitors").await;
    s.wait_text("#timeline", "Observation window opens").await;
    s.wait_text("#timeline", "What must run inside the window")
        .await;
    assert_eq!(s.value("#obs-start").await, "2026-10-01");
    assert_eq!(s.value("#obs-end").await, "2027-09-30");
    s.screenshot("08-wizard-scope").await;

    s.type_into("#company", "Clinic Cloud").await;
    s.click("#create").await;
    s.find("#questionnaire").await;
    // The office questions were answered Not applicable, with the reason as the note.
    s.wait_text("#answered-progress", "3 of").await;
    assert!(
        s.checked("input[name=answer-cc6-visitors][value=na]").await,
        "suggested Not applicable, and still shown"
    );
    assert!(s.value("#note-cc6-visitors").await.contains("no office"));
    // Preflight's practice hints sit apart from the questions, above their series.
    s.wait_text("[data-hints=CC7]", "Preflight’s practice hints")
        .await;
    s.wait_text("[data-hints=CC7]", "penetration test").await;
    // The duty's timing comes from the one source, rendered (no placeholder left).
    s.wait_text(
        "[data-question=cc6-access-reviews] h3",
        "every three months",
    )
    .await;

    let catalog = preflight_catalog::embedded().expect("catalog");
    let scope = Scope {
        kind: ReportKind::Soc2,
        report_type: ReportType::Type2,
        categories: vec!["security".into(), "availability".into(), "privacy".into()],
        objectives: vec![],
        observation: None,
    };
    let expected = scope.questions(catalog).count();
    let shown = s
        .client
        .find_all(fantoccini::Locator::Css(".question"))
        .await
        .expect("cards")
        .len();
    assert_eq!(shown, expected, "one card per question in scope");
    let progress = s
        .find("#answered-progress")
        .await
        .text()
        .await
        .expect("text");
    assert!(
        progress.contains(&format!("3 of {expected} questions answered")),
        "{progress}"
    );

    // Filters: answer one question Yes, then "Gaps" hides it and "High severity" shows only high.
    s.click("input[name=answer-cc6-mfa][value=yes]").await;
    s.wait_text("[data-question=cc6-mfa] .save-status", "Saved")
        .await;
    s.click("#filter-gaps").await;
    let hidden = s
        .find("[data-question=cc6-mfa]")
        .await
        .prop("hidden")
        .await
        .ok()
        .flatten();
    assert_eq!(hidden.as_deref(), Some("true"));
    s.screenshot("09-questionnaire-filter").await;

    // Type 2: the calendar of recurring duties, ticked off.
    s.click("#tab-calendar").await;
    s.wait_text("#calendar-table", "User access review").await;
    s.wait_text(
        "#calendar-table tr[data-duty=vulnerability_scan]",
        "at least once a month",
    )
    .await;
    s.wait_text(
        "#calendar-table tr[data-duty=risk_assessment] .duty-rule",
        "confirm with your auditor",
    )
    .await;
    s.type_into(
        "#calendar-table tr[data-duty=access_review] input",
        "2027-03-15",
    )
    .await;
    s.click("#calendar-table tr[data-duty=access_review] button")
        .await;
    s.wait_text("#calendar-table tr[data-duty=access_review]", "done")
        .await;
    s.screenshot("13-calendar").await;
    s.close().await;

    // The exclusion justification was stored with the assessment.
    let store = preflight_store::Store::open_dir(data.path()).expect("store");
    let list = store
        .list_assessments(preflight_catalog::embedded().expect("catalog"))
        .expect("list");
    let a = &list[0].assessment;
    assert_eq!(
        a.scope.categories,
        vec!["security", "availability", "privacy"]
    );
    assert!(a
        .exclusion("confidentiality")
        .is_some_and(|j| !j.is_empty()));
    assert!(a.profile.as_ref().is_some_and(|p| p.uptime_commitment));
    assert!(a
        .profile
        .as_ref()
        .is_some_and(|p| p.head_count == Some(6) && p.has_office == Some(false)));
}

/// Remediation: a task from a gap, an owner from the people list, done, re-answered Yes, and
/// the dashboard's figures move.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gap_becomes_a_task_that_gets_done_and_the_dashboard_moves() {
    let data = tempfile::tempdir().expect("tempdir");
    let s = Session::start(data.path()).await;
    s.click("#new-assessment").await;
    s.press_enter("#skip-wizard").await;
    s.type_into("#company", "Task Co").await;
    s.click("#create").await;
    s.find("[data-question=cc6-mfa]").await;
    s.click("input[name=answer-cc6-mfa][value=no]").await;
    s.wait_text("[data-question=cc6-mfa] .save-status", "Saved")
        .await;

    s.click("#tab-dashboard").await;
    let before = s.wait_text("#dash-open", "Open tasks").await;
    assert!(before.starts_with('0'), "{before}");

    s.click("#tab-gaps").await;
    s.click("#gap-list .create-task[data-question=cc6-mfa]")
        .await;
    s.wait_text("#gap-list", "Task created").await;

    s.click("#tab-tasks").await;
    s.type_into("#person-name", "Dana").await;
    s.click("#add-person").await;
    s.wait_text(".people-list", "Dana").await;
    s.find("#task-table").await;
    let row = "#task-table tr[data-task]";
    s.find(row).await;
    s.wait_text(row, "Closes the gap").await;
    // The row's other fields are edited in a dialog, from the keyboard as from the mouse.
    s.press_enter(&format!("{row} .edit-task")).await;
    s.click("#edit-owner option[value=Dana]").await;
    s.type_into("#edit-notes", "=SUM(A1) stays text").await;
    s.screenshot("09-task-edit").await;
    s.press_enter("#modal-ok").await;
    s.wait_text(&format!("{row} .task-owner"), "Dana").await;
    s.wait_text(&format!("{row} .task-notes"), "=SUM(A1) stays text")
        .await;

    // Evidence for the task: copied in with its hash, re-checked intact.
    let file = data.path().join("mfa-policy.txt");
    std::fs::write(&file, "MFA is enforced for everyone.\n").expect("write evidence");
    s.click("#tab-evidence").await;
    s.find("#evidence-form").await;
    s.click("#evidence-target optgroup[label=Tasks] option")
        .await;
    s.type_into("#evidence-path", file.to_str().expect("path"))
        .await;
    s.click("#attach-evidence").await;
    s.wait_text("#evidence-table", "mfa-policy.txt").await;
    s.click("#verify-evidence").await;
    s.wait_text("#verify-report", "1 checked: 1 intact").await;
    s.screenshot("12-evidence").await;

    s.click("#tab-dashboard").await;
    s.wait_text("#dash-open", "1").await;
    s.find("#trend").await;
    s.screenshot("10-dashboard").await;

    s.click("#tab-tasks").await;
    s.click(&format!("{row} .status-select option[value=done]"))
        .await;
    s.wait_text("#modal-title", "answer its question again")
        .await;
    s.screenshot("11-task-done").await;
    s.click("#modal-ok").await;
    s.find("[data-question=cc6-mfa]").await;
    s.click("input[name=answer-cc6-mfa][value=yes]").await;
    s.wait_text("[data-question=cc6-mfa] .save-status", "Saved")
        .await;

    s.click("#tab-dashboard").await;
    let after = s.wait_text("#dash-open", "Open tasks").await;
    assert!(after.starts_with('0'), "{after}");
    let overall = s.find("#dash-overall").await.text().await.expect("text");
    assert!(!overall.starts_with("0%"), "readiness moved: {overall}");
    s.close().await;
}

/// Long lists a page at a time: with a few hundred tasks and evidence records, the pager walks
/// through all of them from the keyboard, and the search, filters and sorting apply to every
/// record, not only to the page on screen.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn long_task_and_evidence_lists_are_paged_with_filters_over_every_record() {
    use preflight_remediation::{Priority, TaskStatus};
    let data = tempfile::tempdir().expect("tempdir");
    let (id, tasks, evidence) = {
        let mut store = preflight_store::Store::open_dir(data.path()).expect("open");
        let catalog = preflight_catalog::embedded().expect("catalog");
        let id = preflight_fixtures::seed_large(&mut store, catalog, 250, 150).expect("seed");
        (
            id,
            store.tasks(id).expect("tasks"),
            store.evidence(id).expect("evidence"),
        )
    };
    assert_eq!(tasks.len(), 250);
    let s = Session::start(data.path()).await;
    s.find("#assessment-list").await;
    s.client
        .execute(
            "location.hash = `#/a/${arguments[0]}/tasks`",
            vec![id.to_string().into()],
        )
        .await
        .expect("open the tasks");
    let rows = "#task-table tbody tr";
    s.wait_text("#task-pager-status", "Showing 1–25 of 250 tasks")
        .await;
    assert_eq!(count_rows(&s, rows).await, 25, "one page of rows is drawn");
    s.click("#task-pager-size option[value='100']").await;
    s.wait_text("#task-pager-status", "Showing 1–100 of 250 tasks")
        .await;
    assert_eq!(count_rows(&s, rows).await, 100);
    let first_page = attrs(&s, rows, "data-task").await;

    // The pager from the keyboard; focus stays on the button pressed.
    s.press_enter("#task-pager-next").await;
    s.wait_text("#task-pager-status", "Showing 101–200 of 250 tasks")
        .await;
    let focused = s
        .client
        .execute("return document.activeElement.id", vec![])
        .await
        .expect("focus");
    assert_eq!(focused.as_str(), Some("task-pager-next"));
    s.press_enter("#task-pager-last").await;
    s.wait_text("#task-pager-status", "Showing 201–250 of 250 tasks")
        .await;
    assert_eq!(count_rows(&s, rows).await, 50);
    s.press_enter("#task-pager-first").await;
    s.wait_text("#task-pager-status", "Showing 1–100 of").await;

    // A filter counts every task and goes back to the first page.
    let done = tasks
        .iter()
        .filter(|t| t.status == TaskStatus::Done)
        .count();
    s.press_enter("#task-pager-next").await;
    s.wait_text("#task-pager-status", "Showing 101–200").await;
    s.click("#f-status option[value=done]").await;
    s.wait_text(
        "#task-pager-status",
        &format!("Showing 1–{} of {done} tasks", done.min(100)),
    )
    .await;
    let statuses = attrs(&s, "#task-table .status-select", "value").await;
    assert!(
        !statuses.is_empty() && statuses.iter().all(|v| v == "done"),
        "{statuses:?}"
    );
    s.click("#f-status option[value='']").await;
    s.wait_text("#task-pager-status", "of 250 tasks").await;

    // Sorting by priority sorts all 250 before paging: the last page ends with the lowest
    // priority there is, the first page starts with the highest.
    let rank = |p: Priority| Priority::ALL.iter().position(|x| *x == p).expect("rank");
    let highest = tasks.iter().map(|t| rank(t.priority)).min().expect("tasks");
    let lowest = tasks.iter().map(|t| rank(t.priority)).max().expect("tasks");
    let priorities = "#task-table td[data-priority]";
    s.click("#f-sort option[value=priority]").await;
    s.wait_text("#task-pager-status", "Showing 1–100 of 250")
        .await;
    // The count reads the same before and after the sort: wait for the sorted page itself
    // (its answer may come after the click returns), up to 10 seconds.
    let mut page = attrs(&s, priorities, "data-priority").await;
    for _ in 0..100 {
        if page.first().map(String::as_str) == Some(Priority::ALL[highest].as_str()) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        page = attrs(&s, priorities, "data-priority").await;
    }
    assert_eq!(page[0], Priority::ALL[highest].as_str(), "{page:?}");
    s.press_enter("#task-pager-last").await;
    s.wait_text("#task-pager-status", "Showing 201–250").await;
    let page = attrs(&s, priorities, "data-priority").await;
    assert_eq!(
        page[page.len() - 1],
        Priority::ALL[lowest].as_str(),
        "{page:?}"
    );
    let ranks: Vec<usize> = page
        .iter()
        .map(|v| rank(Priority::parse(v).expect("priority")))
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{page:?}");

    // The search finds a task that was not on the first page.
    let wanted = tasks
        .iter()
        .find(|t| t.title.starts_with("Follow-up") && !first_page.contains(&t.id.to_string()))
        .expect("a task past the first page");
    let words = wanted.title.split(':').next().expect("title");
    s.type_into("#f-search", words).await;
    s.find(&format!("#task-table tr[data-task='{}']", wanted.id))
        .await;
    s.wait_text("#task-pager-status", "Showing 1–").await;
    s.screenshot("30-tasks-paged").await;
    s.type_into("#f-search", "no task is called this").await;
    s.wait_text("#no-tasks", "No task matches").await;

    // Evidence: paged too, and searched over every record.
    assert_eq!(evidence.len(), 143, "one in twenty removed");
    s.click("#tab-evidence").await;
    s.wait_text(
        "#evidence-pager-status",
        "Showing 1–50 of 143 evidence files",
    )
    .await;
    assert_eq!(count_rows(&s, "#evidence-table tbody tr").await, 50);
    let past_first = &evidence[evidence.len() - 1];
    s.press_enter("#evidence-pager-last").await;
    s.wait_text("#evidence-pager-status", "Showing 101–143 of 143")
        .await;
    s.find(&format!(
        "#evidence-table tr[data-evidence='{}']",
        past_first.id
    ))
    .await;
    s.press_enter("#evidence-pager-prev").await;
    s.wait_text("#evidence-pager-status", "Showing 51–100")
        .await;
    s.type_into("#ev-search", &past_first.original_name).await;
    s.wait_text("#evidence-pager-status", "Showing 1–1 of 1 evidence files")
        .await;
    s.find(&format!(
        "#evidence-table tr[data-evidence='{}']",
        past_first.id
    ))
    .await;
    s.click("#ev-link option[value=task]").await;
    let linked = evidence.iter().filter(|e| e.task_id.is_some()).count();
    s.type_into("#ev-search", "evidence").await;
    s.wait_text(
        "#evidence-pager-status",
        &format!("of {linked} evidence files"),
    )
    .await;
    s.wait_text("#removed-pager-status", "Showing 1–7 of 7 removed files")
        .await;
    s.screenshot("31-evidence-paged").await;

    // The tabs route through the history: the address follows the tab, and Back and Forward
    // return to the tab before and after.
    let hash = |s: &Session| {
        let client = s.client.clone();
        async move {
            client
                .execute("return location.hash", vec![])
                .await
                .expect("location")
                .as_str()
                .unwrap_or_default()
                .to_string()
        }
    };
    assert!(hash(&s).await.ends_with("/evidence"));
    s.client
        .execute("history.back()", vec![])
        .await
        .expect("back");
    s.find("#task-table").await;
    assert!(hash(&s).await.ends_with("/tasks"));
    s.client
        .execute("history.forward()", vec![])
        .await
        .expect("forward");
    s.find("#evidence-table").await;
    s.close().await;
}

/// How many elements match `css`.
async fn count_rows(s: &Session, css: &str) -> usize {
    s.client
        .find_all(fantoccini::Locator::Css(css))
        .await
        .expect("rows")
        .len()
}

/// An attribute (or else the value) of every element matching `css`, in page order.
async fn attrs(s: &Session, css: &str, attr: &str) -> Vec<String> {
    let v = s
        .client
        .execute(
            "return [...document.querySelectorAll(arguments[0])].map((e) => e.getAttribute(arguments[1]) ?? e.value);",
            vec![css.into(), attr.into()],
        )
        .await
        .expect("read the page");
    serde_json::from_value(v).expect("strings")
}

/// SOC 1: objectives are the company's: reword a template and add one of its own, which comes
/// with its questions.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn soc1_objectives_can_be_reworded_and_added_in_the_window() {
    let data = tempfile::tempdir().expect("tempdir");
    let s = Session::start(data.path()).await;
    s.click("#new-assessment").await;
    s.press_enter("#skip-wizard").await;
    s.type_into("#company", "Payroll Co").await;
    s.click("input[name=kind][value=soc1]").await;
    s.click("#create").await;
    s.find("#questionnaire").await;
    s.press_enter("button.reword[data-objective=ITGC-LA]").await;
    s.type_into("#objective-title", "Payroll engine access")
        .await;
    s.type_into(
        "#objective-statement",
        "Only approved payroll staff can reach the payroll engine.",
    )
    .await;
    s.click("#modal-ok").await;
    s.wait_text("#statement-ITGC-LA", "approved payroll staff")
        .await;
    s.press_enter("#add-objective").await;
    s.type_into("#objective-title", "Tax tables").await;
    s.type_into(
        "#objective-statement",
        "Tax tables change only with a second person's approval.",
    )
    .await;
    s.click("#modal-ok").await;
    s.wait_text("#group-OWN-1", "Tax tables").await;
    s.find("[data-question='OWN-1/design']").await;
    s.click("input[name='answer-OWN-1/design'][value=partly]")
        .await;
    s.wait_text("[data-question='OWN-1/design'] .save-status", "Saved")
        .await;
    s.screenshot("14-soc1-own-objective").await;
    s.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn glossary_terms_are_marked_and_explained_on_focus() {
    let data = tempfile::tempdir().expect("tempdir");
    let s = Session::start(data.path()).await;
    s.click("#new-assessment").await;
    s.press_enter("#skip-wizard").await;
    s.type_into("#company", "Glossary Co").await;
    s.click("#create").await;
    s.find("#questionnaire").await;

    // "MFA" in the question text is marked, and only there: once per card.
    let term = s
        .find("[data-question=cc6-mfa] h3 .term[data-term=mfa]")
        .await;
    assert_eq!(
        term.attr("tabindex").await.ok().flatten().as_deref(),
        Some("0"),
        "the term takes keyboard focus"
    );
    assert_eq!(
        term.attr("aria-describedby")
            .await
            .ok()
            .flatten()
            .as_deref(),
        Some("glossary-def-mfa")
    );
    s.find("#glossary-def-mfa").await;
    let marks = s
        .client
        .find_all(fantoccini::Locator::Css(
            "[data-question=cc6-mfa] .term[data-term=mfa]",
        ))
        .await
        .expect("find marks");
    assert_eq!(marks.len(), 1, "first occurrence only");
    assert!(
        s.find("#glossary-tip")
            .await
            .text()
            .await
            .unwrap_or_default()
            .is_empty(),
        "no explanation before focus"
    );

    // Keyboard focus (WebDriver focuses the element it sends keys to) shows the explanation.
    term.send_keys("\u{E008}").await.expect("focus the term");
    s.wait_text("#glossary-tip", "second proof").await;
    // Still there once focusing has scrolled the term into view.
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    s.wait_text("#glossary-tip", "second proof").await;
    let active = s
        .client
        .execute("return document.activeElement.dataset.term || ''", vec![])
        .await
        .expect("active element");
    assert_eq!(active.as_str(), Some("mfa"));
    s.screenshot("15-glossary-focus").await;

    // Escape hides it.
    term.send_keys("\u{E00C}").await.expect("press Escape");
    let start = std::time::Instant::now();
    while !s
        .find("#glossary-tip")
        .await
        .text()
        .await
        .unwrap_or_default()
        .is_empty()
    {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "Escape hides the explanation"
        );
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    }

    // Hovering another term explains it too.
    use fantoccini::actions::{InputSource, MouseActions, PointerAction};
    let production = s
        .find("[data-question=cc6-mfa] h3 .term[data-term=production]")
        .await;
    let hover = MouseActions::new("mouse".into()).then(PointerAction::MoveToElement {
        element: production,
        duration: None,
        x: 0.0,
        y: 0.0,
    });
    s.client
        .perform_actions(hover)
        .await
        .expect("hover the term");
    s.wait_text("#glossary-tip", "live systems").await;
    s.screenshot("16-glossary-hover").await;
    s.close().await;
}

/// Risks and vendors in the real window: adopt two starter risks, link a task, record the
/// yearly risk assessment (it ticks the Type 2 calendar), add a critical vendor with a SOC
/// report that has an exception and a CUEC the company does not run, see the flags, make the
/// task from the CUEC, and export the workbook with the register sheets.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn risks_and_vendors_are_registered_flagged_and_exported() {
    let data = tempfile::tempdir().expect("tempdir");
    let s = Session::start(data.path()).await;
    s.click("#new-assessment").await;
    s.press_enter("#skip-wizard").await;
    s.find("#new-form").await;
    s.type_into("#company", "Register Co").await;
    s.click("input[name=type][value=type2]").await;
    s.wait_text("#timeline", "Observation window opens").await;
    s.type_into("#obs-start", "2026-06-01").await;
    s.click("#obs-months option[value='6']").await;
    s.wait_text("#timeline", "2026-11-30").await;
    s.click("#create").await;
    s.find("[data-question=cc6-mfa]").await;

    // A person and a task to link.
    s.click("#tab-tasks").await;
    s.type_into("#person-name", "Dana").await;
    s.click("#add-person").await;
    s.wait_text(".people-list", "Dana").await;
    s.type_into("#task-title", "Turn on MFA for admins").await;
    s.click("#create-task").await;
    s.wait_text("#task-table", "Turn on MFA for admins").await;

    // Risks: adopt two starters, link the task to one, record the yearly assessment.
    s.click("#tab-risks").await;
    s.find("#starter-risks").await;
    s.click("[data-adopt=risk-stolen-credentials]").await;
    s.wait_text("#risk-table", "Stolen staff credentials").await;
    s.click("[data-adopt=risk-ransomware]").await;
    s.wait_text("#register-h", "Register (2)").await;
    let first = "#risk-table tr[data-risk]";
    s.click(&format!("{first} [data-edit]")).await;
    s.find("#edit-risk-title").await;
    s.click("#modal-body [data-link-task]").await;
    s.click("#edit-risk-owner option[value=Dana]").await;
    s.click("#modal-ok").await;
    s.wait_text("#risk-table .linked-tasks", "Turn on MFA for admins")
        .await;
    s.click("#record-review").await;
    s.type_into("#review-date", "2026-10-15").await;
    s.type_into("#review-summary", "Reviewed both risks with Dana.")
        .await;
    s.click("#modal-ok").await;
    s.wait_text("#risk-last", "Last held on 2026-10-15").await;
    s.wait_text("#risk-last", "Next due by 2027-10-15").await;
    let cells = s
        .client
        .find_all(fantoccini::Locator::Css("#heatmap-inherent td.heat"))
        .await
        .expect("cells");
    assert_eq!(cells.len(), 25, "a 5 x 5 heat map");
    s.screenshot("20-risks").await;

    // The Type 2 calendar's yearly risk-assessment duty is ticked.
    s.click("#tab-calendar").await;
    let duty = s.wait_text("tr[data-duty=risk_assessment]", "done").await;
    assert!(duty.contains("Risk assessment"), "{duty}");

    // Vendors: a critical vendor, then its SOC report with an exception and a CUEC not run.
    s.click("#tab-vendors").await;
    s.type_into("#new-vendor-name", "Cloudy Host").await;
    s.click("#new-vendor-criticality option[value=critical]")
        .await;
    s.click("#new-vendor-data option[value=personal]").await;
    s.click("#new-vendor-subservice").await;
    s.type_into("#new-vendor-csocs", "Physical security of the data centres")
        .await;
    s.click("#add-vendor").await;
    s.wait_text("#vendor-table", "Cloudy Host").await;
    s.wait_text("#vendor-flags", "No SOC report on file").await;
    s.click("#vendor-table [data-review]").await;
    s.type_into("#report-start", "2025-01-01").await;
    s.type_into("#report-end", "2025-12-31").await;
    s.type_into("#report-firm", "Example LLP").await;
    s.click("#report-opinion option[value=qualified]").await;
    s.click("#add-exception").await;
    s.type_into(
        "#report-exceptions input[type=text]",
        "Two leavers kept access for a week",
    )
    .await;
    s.click("#add-cuec").await;
    s.type_into(
        "#report-cuecs input[type=text]",
        "Customers review their IAM roles every quarter",
    )
    .await;
    s.click("#report-cuecs select option[value=not_run]").await;
    s.click("#modal-ok").await;
    let flags = s.wait_text("#vendor-flags", "Opinion not clean").await;
    for f in [
        "Exception without response",
        "CUEC not run",
        "Bridge letter needed",
    ] {
        assert!(flags.contains(f), "{f} missing: {flags}");
    }
    s.screenshot("21-vendors").await;
    s.click("#vendor-table [data-cuec-task]").await;
    s.wait_text("#vendor-table", "Task made").await;
    let after = s.find("#vendor-flags").await.text().await.expect("flags");
    assert!(!after.contains("CUEC not run"), "{after}");
    s.click("#tab-tasks").await;
    s.wait_text("#task-table", "Run Cloudy Host's customer control")
        .await;

    // The questionnaire shows what the registers hold beside the questions about them.
    s.click("#tab-questions").await;
    let fact = s
        .wait_text("[data-fact=cc3-risk-assessment]", "2 risks")
        .await;
    assert!(fact.contains("last assessed 2026-10-15"), "{fact}");
    s.find("[data-fact=cc9-vendor-review]").await;

    // The dashboard lists the vendor flags.
    s.click("#tab-dashboard").await;
    s.wait_text("#dash-vendors", "Opinion not clean").await;

    // Export the workbook through the app's own command, as the Export button does.
    let xlsx = data.path().join("register-co.xlsx");
    let id = s
        .client
        .execute("return location.hash.split('/')[2]", vec![])
        .await
        .expect("id")
        .as_str()
        .expect("string")
        .to_string();
    s.client
        .execute_async(
            "const [id, path, done] = arguments; window.__TAURI__.core.invoke('export_workbook', { id, path }).then(done, (e) => done(String(e.message)));",
            vec![id.into(), xlsx.to_str().expect("path").into()],
        )
        .await
        .expect("export");
    s.close().await;
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).expect("workbook written");
    let risks = wb.worksheet_range("Risk register").expect("risk sheet");
    assert!(risks.rows().any(|r| r
        .iter()
        .any(|c| c.to_string() == "Stolen staff credentials")));
    let vendors = wb.worksheet_range("Vendors").expect("vendor sheet");
    let row: Vec<String> = vendors
        .rows()
        .nth(1)
        .expect("vendor row")
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(row[0], "Cloudy Host");
    assert!(
        row.iter().any(|c| c.contains("Opinion not clean")),
        "{row:?}"
    );
    let cuecs = wb
        .worksheet_range("Customer controls (CUECs)")
        .expect("cuec sheet");
    assert!(cuecs.rows().any(|r| r
        .iter()
        .any(|c| c.to_string().contains("Customers review their IAM roles"))));
}

/// Policies and people in the real window: adopt three policies, edit one, approve it, export
/// it (.docx and Markdown), import people from an HR export, and see a leaver flagged for late
/// access removal and the training flags.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn policies_are_adopted_approved_exported_and_people_imported() {
    let data = tempfile::tempdir().expect("tempdir");
    let s = Session::start(data.path()).await;
    s.click("#new-assessment").await;
    s.press_enter("#skip-wizard").await;
    s.find("#new-form").await;
    s.type_into("#company", "Policy Co").await;
    s.click("input[name=type][value=type2]").await;
    s.wait_text("#timeline", "Observation window opens").await;
    s.type_into("#obs-start", "2026-03-01").await;
    s.click("#obs-months option[value='6']").await;
    s.wait_text("#timeline", "2026-08-31").await;
    s.click("#create").await;
    s.find("[data-question=cc6-mfa]").await;

    // People first, from an HR export: one row has a date in the wrong form.
    let csv = data.path().join("hr-export.csv");
    std::fs::write(
        &csv,
        "Full name,Job title,Employment type,Hire date,Termination date,Access removed,Background check,Background check date,Last security training\n\
         Dana Ruiz,Head of Security,Full-time,2024-02-01,,,done,2024-01-20,2026-01-10\n\
         Sam Lee,Engineer,Full-time,2026-04-01,2026-07-09,2026-07-15,done,2026-03-20,2026-04-02\n\
         Ola Berg,Designer,Contract,01/05/2026,,,,,\n",
    )
    .expect("csv");
    s.click("#tab-people").await;
    s.type_into("#people-csv-path", csv.to_str().expect("path"))
        .await;
    s.click("#import-people").await;
    s.wait_text("#modal-title", "2 taken, 1 rejected").await;
    s.wait_text("#people-import-report", "YYYY-MM-DD").await;
    s.click("#modal-ok").await;
    s.wait_text("#people-table", "Sam Lee").await;
    let flags = s.wait_text("#people-flags", "Sam Lee").await;
    assert!(
        flags.contains("2026-07-15"),
        "late removal flagged: {flags}"
    );
    s.wait_text("#populations", "Joined (1): Sam Lee").await;
    s.wait_text("#populations", "Left (1): Sam Lee").await;
    s.screenshot("22-people").await;

    // Policies: adopt three, edit one, approve it, export it.
    s.click("#tab-policies").await;
    s.find("#policy-templates").await;
    let boxes = s
        .client
        .find_all(fantoccini::Locator::Css(
            "#policy-templates input[data-template]",
        ))
        .await
        .expect("templates");
    for b in &boxes {
        let id = b
            .attr("data-template")
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        if !["access-control", "people-security", "information-security"].contains(&id.as_str()) {
            b.click().await.expect("untick");
        }
    }
    s.click("#adopt-policies").await;
    s.wait_text("#policies-h", "Policies (3)").await;
    s.click("#policy-table [data-open]").await;
    s.find("#policy-text").await;
    let text = s.value("#policy-text").await;
    assert!(
        text.contains("Policy Co") && text.contains("Dana Ruiz"),
        "filled in: {}",
        &text[..text.len().min(300)]
    );
    s.find("#policy-preview h3").await;
    // Parts Preflight could not fill are marked, and approval waits until they are written.
    assert!(text.contains("[[to fill:"), "gaps are marked");
    s.click("#approve-policy").await;
    s.type_into("#approver", "Sam Lee").await;
    s.click("#modal-ok").await;
    s.wait_text("#modal-error", "to fill").await;
    s.click("#modal-cancel").await;
    s.type_into(
        "#policy-text",
        "## Purpose\n\nPolicy Co keeps its systems safe.\n\n## Our addition\n\nWe also review guest access.",
    )
    .await;
    s.click("#save-policy").await;
    s.wait_text("#policy-preview", "Our addition").await;
    s.click("#approve-policy").await;
    s.type_into("#approver", "Sam Lee").await;
    s.click("#modal-ok").await;
    s.wait_text("#policy-editor", "Approved").await;
    s.screenshot("23-policy").await;
    let out = data.path().join("policies-out");
    std::fs::create_dir_all(&out).expect("dir");
    s.type_into("#policy-export-one", out.to_str().expect("path"))
        .await;
    s.click("#export-policy").await;
    s.wait_text("#notice", "Written").await;

    // Dana acknowledges the approved policy; the acknowledgement rate moves.
    s.click("#tab-people").await;
    s.click("[data-ack='Dana Ruiz']").await;
    s.click("#modal-ok").await;
    // Sam has left, so only Dana counts among the people working today.
    s.wait_text("#ack-rates", "1 of 1").await;
    s.close().await;

    let files: Vec<String> = std::fs::read_dir(&out)
        .expect("out")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(files.iter().any(|f| f.ends_with(".docx")), "{files:?}");
    let md = files.iter().find(|f| f.ends_with(".md")).expect("markdown");
    let md = std::fs::read_to_string(out.join(md)).expect("read");
    assert!(
        md.contains("Our addition") && md.contains("Sam Lee"),
        "{md}"
    );
}

/// The system description and the request list in the real window: fill two description
/// sections, attach evidence to a request item with an effective date outside the window and
/// see it flagged, then write the evidence package.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn description_requests_and_the_evidence_package() {
    let data = tempfile::tempdir().expect("tempdir");
    let s = Session::start(data.path()).await;
    s.click("#new-assessment").await;
    s.press_enter("#skip-wizard").await;
    s.find("#new-form").await;
    s.type_into("#company", "Package Co").await;
    s.click("input[name=type][value=type2]").await;
    s.wait_text("#timeline", "Observation window opens").await;
    s.type_into("#obs-start", "2026-03-01").await;
    s.click("#obs-months option[value='6']").await;
    s.wait_text("#timeline", "2026-08-31").await;
    s.click("#create").await;
    s.find("[data-question=cc6-mfa]").await;

    // Two description sections written.
    s.click("#tab-description").await;
    s.find("[data-section=services]").await;
    let before = s
        .find("#description-progress")
        .await
        .text()
        .await
        .expect("text");
    s.type_into(
        "#section-services",
        "Package Co sells a booking app to dental clinics.",
    )
    .await;
    s.click("[data-save-section=services]").await;
    s.wait_text("[data-section=services]", "Complete").await;
    s.type_into("#system-name-0", "AWS").await;
    s.type_into("#system-detail-0", "hosting in eu-west-1")
        .await;
    s.click("[data-save-list=system]").await;
    // The infrastructure draft now lists the system (the draft is in the section's editor).
    let mut drafted = String::new();
    for _ in 0..100 {
        drafted = s.value("#section-infrastructure").await;
        if drafted.contains("AWS: hosting in eu-west-1") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(drafted.contains("- AWS: hosting in eu-west-1"), "{drafted}");
    s.type_into(
        "#section-boundaries",
        "The system is the booking app, its database and the tools that run them.",
    )
    .await;
    s.click("[data-save-section=boundaries]").await;
    s.wait_text("[data-section=boundaries]", "Complete").await;
    let after = s
        .find("#description-progress")
        .await
        .text()
        .await
        .expect("text");
    assert_ne!(before, after, "progress moves: {before} -> {after}");
    s.screenshot("24-description").await;

    // Evidence attached, then linked to a request item with a date outside the window.
    let file = data.path().join("mfa-setting.png");
    std::fs::write(&file, b"screenshot").expect("file");
    s.click("#tab-evidence").await;
    s.find("#evidence-form").await;
    s.click("#evidence-target optgroup[label=Questions] option[value='q:cc6-mfa']")
        .await;
    s.type_into("#evidence-path", file.to_str().expect("path"))
        .await;
    s.click("#attach-evidence").await;
    s.wait_text("#evidence-table", "mfa-setting.png").await;
    s.click("#tab-requests").await;
    s.type_into("#rf-text", "cc6-mfa").await;
    s.press_enter("#rf-text").await;
    let row = "#request-table tr[data-request]";
    s.find(row).await;
    let request_id = s
        .find(row)
        .await
        .attr("data-request")
        .await
        .ok()
        .flatten()
        .expect("id");
    s.click(&format!("{row} [data-link-for] option:nth-child(2)"))
        .await;
    s.type_into(&format!("{row} [data-date-for]"), "2026-02-15")
        .await;
    s.click(&format!("{row} [data-link]")).await;
    s.wait_text(
        &format!("tr[data-request='{request_id}']"),
        "Outside the window",
    )
    .await;
    let status = s
        .find(&format!(
            "tr[data-request='{request_id}'] [data-status-for]"
        ))
        .await
        .prop("value")
        .await
        .ok()
        .flatten();
    assert_eq!(
        status.as_deref(),
        Some("not_started"),
        "evidence outside the window does not collect the item"
    );
    s.screenshot("25-requests").await;

    // The package.
    let zip = data.path().join("package.zip");
    s.type_into("#package-path", zip.to_str().expect("path"))
        .await;
    s.click("#write-package").await;
    s.wait_text("#package-status", "Written").await;
    s.close().await;
    let mut archive =
        zip::ZipArchive::new(std::fs::File::open(&zip).expect("zip")).expect("archive");
    let names: Vec<String> = (0..archive.len())
        .map(|i| {
            archive
                .by_index(i)
                .expect("e")
                .name()
                .expect("n")
                .to_string()
        })
        .collect();
    assert!(
        names
            .iter()
            .any(|n| n.starts_with(&request_id) && n.ends_with("mfa-setting.png")),
        "{names:?}"
    );
    assert!(names.iter().any(|n| n == "system description.docx"));
    assert!(names.iter().any(|n| n == "gap workbook.xlsx"));
}

/// A damaged database in the real window: Preflight says so, offers the newest good backup with
/// what it holds, and restores it in two clicks; the damaged file is kept aside.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_database_is_restored_from_a_backup_in_two_clicks() {
    let data = tempfile::tempdir().expect("tempdir");
    {
        let mut store = preflight_store::Store::open_dir(data.path()).expect("open");
        let a = preflight_assessment::NewAssessment {
            name: Some("Backed up".into()),
            company: "Restore Co".into(),
            scope: preflight_assessment::Scope {
                kind: preflight_assessment::ReportKind::Soc2,
                report_type: preflight_assessment::ReportType::Type1,
                categories: vec![],
                objectives: vec![],
                observation: None,
            },
        }
        .build(
            preflight_catalog::embedded().expect("catalog"),
            chrono::Utc::now(),
        )
        .expect("valid");
        store.create_assessment(&a).expect("create");
        store
            .backup_now(preflight_store::backup::Reason::Manual, chrono::Utc::now())
            .expect("backup");
    }
    let db = data.path().join("preflight.sqlite3");
    std::fs::OpenOptions::new()
        .write(true)
        .open(&db)
        .expect("db")
        .set_len(700)
        .expect("truncate");

    let s = Session::start(data.path()).await;
    s.wait_text("#store-error", "Get your work back from a backup")
        .await;
    s.wait_text("#backup-table", "1 assessments").await;
    s.screenshot("26-restore").await;
    s.click("#backup-table [data-restore]").await;
    s.click("#modal-ok").await;
    s.wait_text("main", "Backed up").await;
    s.close().await;
    let kept = std::fs::read_dir(data.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("preflight.sqlite3.damaged-")
        });
    assert!(kept, "the damaged file is kept aside");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_assessment_moves_as_one_archive_with_its_evidence_files() {
    let data = tempfile::tempdir().expect("tempdir");
    let catalog = preflight_catalog::embedded().expect("catalog");
    let id = {
        let mut store = preflight_store::Store::open_dir(data.path()).expect("open");
        let a = preflight_assessment::NewAssessment {
            name: Some("Moving laptops".into()),
            company: "Archive Co".into(),
            scope: preflight_assessment::Scope {
                kind: preflight_assessment::ReportKind::Soc2,
                report_type: preflight_assessment::ReportType::Type1,
                categories: vec![],
                objectives: vec![],
                observation: None,
            },
        }
        .build(catalog, chrono::Utc::now())
        .expect("valid");
        store.create_assessment(&a).expect("create");
        store
            .save_answer(
                catalog,
                a.id,
                "cc6-mfa",
                Some(preflight_assessment::AnswerValue::Yes),
                "",
            )
            .expect("answer");
        for (i, body) in ["MFA report", "Access review ☁️"].iter().enumerate() {
            let src = data.path().join(format!("source-{i}.txt"));
            std::fs::write(&src, body).expect("write");
            store
                .attach_evidence(
                    catalog,
                    data.path(),
                    &preflight_store::evidence::AttachRequest {
                        assessment_id: a.id,
                        target: preflight_remediation::EvidenceTarget::Question {
                            question_id: "cc6-mfa".into(),
                        },
                        source: src,
                        collected_on: chrono::Local::now().date_naive(),
                    },
                    &mut |_, _| {},
                )
                .expect("attach");
        }
        a.id
    };
    let archive = data.path().join("moving.preflight");
    let path_js = serde_json::to_string(&archive).expect("path");
    let s = Session::start(data.path()).await;
    // The native file dialogs are answered by the test: they return the archive's path.
    let answer_dialogs = format!(
        "window.__TAURI__.dialog.save = async () => {path_js};
         window.__TAURI__.dialog.open = async () => {path_js};"
    );
    s.wait_text("#assessment-list", "Moving laptops").await;
    run_script(&s, &answer_dialogs).await;
    s.click(".save-file").await;
    s.find("#save-kind-archive:checked").await;
    s.screenshot("28-save-with-evidence").await;
    s.click("#modal-ok").await;
    s.wait_text("#notice", "2 evidence files").await;
    assert!(archive.is_file());

    // Delete it, then load it back from the archive.
    s.click(".delete").await;
    s.click("#modal-ok").await;
    s.find("#empty-list").await;
    run_script(&s, &answer_dialogs).await;
    s.click("#load-file").await;
    s.wait_text("#load-contents", "2 evidence files").await;
    s.screenshot("27-load-archive").await;
    s.click("#modal-ok").await;
    s.wait_text("#notice", "2 evidence files restored and checked")
        .await;
    s.wait_text("main", "Moving laptops").await;

    // Loaded again where it already is: the window asks, and replace keeps one assessment.
    s.click("#nav-assessments").await;
    s.wait_text("#assessment-list", "Moving laptops").await;
    run_script(&s, &answer_dialogs).await;
    s.click("#load-file").await;
    s.wait_text("#load-same", "Already on this computer").await;
    s.screenshot("29-load-copy-or-replace").await;
    s.click("#load-kind-replace").await;
    s.click("#modal-ok").await;
    s.wait_text("#notice", "Replaced").await;
    s.close().await;

    let store = preflight_store::Store::open_dir(data.path()).expect("open");
    assert_eq!(store.list_assessments(catalog).expect("list").len(), 1);
    let report = store
        .verify_evidence(data.path(), id, &mut |_, _| {})
        .expect("verify");
    assert_eq!((report.checked, report.intact), (2, 2));
}

/// Runs a script in the page (the next page load forgets it).
async fn run_script(s: &Session, script: &str) {
    s.client
        .execute(script, vec![])
        .await
        .expect("the script runs");
}
