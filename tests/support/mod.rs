//! Drives the real app window: Xvfb, tauri-driver and WebKitWebDriver, over WebDriver.
//!
//! Each [`Session`] starts its own Xvfb display and its own tauri-driver (one per session),
//! launches the built `preflight` binary with `--data-dir`, and stops all of it on `close`.
//! Needs `Xvfb`, `WebKitWebDriver` (Debian: xvfb, webkit2gtk-driver) and `tauri-driver`
//! (`cargo install tauri-driver --locked`); `.ci/test` installs them.

#![allow(dead_code)]

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

pub struct Session {
    pub client: Client,
    driver: Child,
    xvfb: Child,
    // Kept open so Xvfb never writes into a closed pipe.
    _xvfb_out: std::io::BufReader<std::process::ChildStdout>,
}

fn find_program(name: &str, extra: &[PathBuf]) -> PathBuf {
    let mut candidates: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).map(|d| d.join(name)).collect())
        .unwrap_or_default();
    candidates.extend(extra.iter().map(|d| d.join(name)));
    candidates.into_iter().find(|p| p.is_file()).unwrap_or_else(|| {
        panic!("{name} was not found. Run the README's test command (.ci/test), which installs it.")
    })
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn wait_for_port(port: u16, what: &str) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{what} did not start listening on port {port}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The app binary cargo built for this test run, or the one `PREFLIGHT_APP_BINARY` names (the
/// window benchmark measures an earlier build that way).
pub fn app_binary() -> PathBuf {
    std::env::var_os("PREFLIGHT_APP_BINARY")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_preflight")))
}

impl Session {
    /// Starts the app on a private display with the given data folder.
    pub async fn start(data_dir: &Path) -> Session {
        let cargo_bin = std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
            .map(|p| p.join("bin"))
            .into_iter()
            .collect::<Vec<_>>();
        let tauri_driver = find_program("tauri-driver", &cargo_bin);
        let native = find_program("WebKitWebDriver", &[PathBuf::from("/usr/bin")]);
        let xvfb_bin = find_program("Xvfb", &[]);

        // Xvfb picks a free display itself (`-displayfd`): it takes the lock atomically and
        // clears a stale lock left by a killed server, so parallel tests and earlier runs never
        // collide. It writes the number on its standard output once it accepts connections.
        let mut xvfb = Command::new(xvfb_bin)
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1440x900x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start Xvfb");
        let mut xvfb_out = std::io::BufReader::new(xvfb.stdout.take().expect("Xvfb's output"));
        let mut line = String::new();
        std::io::BufRead::read_line(&mut xvfb_out, &mut line).expect("read Xvfb's display");
        let display: u32 = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("Xvfb did not report a display number (got {line:?})"));

        let port = free_port();
        let native_port = free_port();
        // Its own process group, so closing the session also ends the WebKitWebDriver it starts.
        use std::os::unix::process::CommandExt;
        let driver = Command::new(tauri_driver)
            .process_group(0)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .arg("--native-driver")
            .arg(&native)
            .env("DISPLAY", format!(":{display}"))
            .env("PREFLIGHT_DATA_DIR", data_dir)
            .env_remove("WAYLAND_DISPLAY")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start tauri-driver");
        wait_for_port(port, "tauri-driver");

        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({
                "application": app_binary(),
                "args": ["--data-dir", data_dir],
            }),
        );
        let mut last_err = None;
        for _ in 0..3 {
            match ClientBuilder::native()
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => {
                    return Session {
                        client,
                        driver,
                        xvfb,
                        _xvfb_out: xvfb_out,
                    }
                }
                Err(e) => {
                    last_err = Some(e);
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
        panic!("could not open a WebDriver session on the app: {last_err:?}");
    }

    /// Waits for an element to be present.
    pub async fn find(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("element {css} did not appear: {e}"))
    }

    /// Waits until the text of an element contains `needle`.
    pub async fn wait_text(&self, css: &str, needle: &str) -> String {
        let start = Instant::now();
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if let Ok(text) = el.text().await {
                    if text.contains(needle) {
                        return text;
                    }
                }
            }
            if start.elapsed() > Duration::from_secs(20) {
                self.screenshot("failure").await;
                let body = match self.client.find(Locator::Css("body")).await {
                    Ok(b) => b.text().await.unwrap_or_default(),
                    Err(_) => String::new(),
                };
                panic!("{css} never contained {needle:?}; the page shows:\n{body}");
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    pub async fn click(&self, css: &str) {
        self.find(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Activates a control from the keyboard: focus it and press Enter.
    pub async fn press_enter(&self, css: &str) {
        self.find(css)
            .await
            .send_keys("\u{E007}")
            .await
            .unwrap_or_else(|e| panic!("press Enter on {css}: {e}"));
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        let el = self.find(css).await;
        el.clear()
            .await
            .unwrap_or_else(|e| panic!("clear {css}: {e}"));
        el.send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into {css}: {e}"));
    }

    pub async fn value(&self, css: &str) -> String {
        self.find(css)
            .await
            .prop("value")
            .await
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    pub async fn checked(&self, css: &str) -> bool {
        self.find(css)
            .await
            .prop("checked")
            .await
            .ok()
            .flatten()
            .as_deref()
            == Some("true")
    }

    /// Saves a screenshot under target/screenshots/ to look at.
    pub async fn screenshot(&self, name: &str) {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
        let _ = std::fs::create_dir_all(&dir);
        let shot = self.client.screenshot().await;
        if let Err(e) = &shot {
            eprintln!("screenshot {name} failed: {e}");
        }
        if let Ok(png) = shot {
            let _ = std::fs::write(dir.join(format!("{name}.png")), png);
        }
    }

    /// Ends the session: the app quits, then tauri-driver and the display stop.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        kill_group(&self.driver);
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        stop_xvfb(&mut self.xvfb);
    }
}

/// Stops Xvfb with SIGTERM, so it removes its lock file (a SIGKILL leaves it behind).
fn stop_xvfb(xvfb: &mut Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &xvfb.id().to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    let t0 = Instant::now();
    while t0.elapsed() < Duration::from_secs(5) {
        if let Ok(Some(_)) = xvfb.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = xvfb.kill();
    let _ = xvfb.wait();
}

/// Ends tauri-driver and everything it started (WebKitWebDriver, the app).
fn kill_group(child: &Child) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", child.id())])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

impl Drop for Session {
    fn drop(&mut self) {
        kill_group(&self.driver);
        let _ = self.driver.kill();
        stop_xvfb(&mut self.xvfb);
    }
}
