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
    s.screenshot("06-delete-confirm").await;
    s.click("#modal-ok").await;
    s.find("#empty-list").await;
    s.close().await;
}
