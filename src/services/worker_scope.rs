//! Inside the Web Worker: take jobs from the page, run them (`crate::job::run`), post the
//! answers back. The protocol (plain objects, see `services::worker` for the page's side):
//!
//! - page → worker: `{ id, job: JSON of Job, bytes?: Uint8Array }`
//! - worker → page: `{ ready: true }` once, when it can take jobs;
//!   `{ id, reply: JSON of Reply, bytes?: Uint8Array, ms, run_ms, decode_ms, analyse_ms,
//!   review_ms }` per job (for the benchmark: `ms` from the message's arrival to the answer,
//!   `run_ms` in `job::run` alone, i.e. decoding, analysis and review, and the three phases
//!   of it, `job::Phases`); `{ panic: message }` when it panics, before it dies.

use js_sys::{Array, Object, Reflect, Uint8Array};
use std::cell::Cell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::i18n::Problem;
use crate::job::{self, Job, Reply};

fn scope() -> Option<DedicatedWorkerGlobalScope> {
    js_sys::global().dyn_into().ok()
}

fn set(target: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A panic in the worker is posted to the page (which shows the crash message) before the
/// worker dies.
fn install_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let detail = info.to_string();
        if let Some(scope) = scope() {
            let msg = Object::new();
            set(&msg, "panic", &JsValue::from_str(&detail));
            let _ = scope.post_message(&msg);
        }
    }));
}

fn now(scope: &DedicatedWorkerGlobalScope) -> f64 {
    scope.performance().map_or(0.0, |p| p.now())
}

fn answer(scope: &DedicatedWorkerGlobalScope, data: &JsValue) {
    let started = now(scope);
    let bytes = get(data, "bytes")
        .dyn_into::<Uint8Array>()
        .map(|a| a.to_vec())
        .unwrap_or_default();
    let mut run_ms = 0.0;
    let mut phases = job::Phases::default();
    let output = match get(data, "job")
        .as_string()
        .map(|json| serde_json::from_str::<Job>(&json))
    {
        Some(Ok(job)) => {
            let start = now(scope);
            let (output, timed) = job::run_timed(job, &bytes, &|| now(scope));
            run_ms = now(scope) - start;
            phases = timed;
            output
        }
        Some(Err(e)) => {
            web_sys::console::error_1(&format!("bad job: {e}").into());
            Reply::Unreadable(Problem::AnalyserStopped).into()
        }
        None => {
            web_sys::console::error_1(&"bad job: no JSON".into());
            Reply::Unreadable(Problem::AnalyserStopped).into()
        }
    };
    let reply = serde_json::to_string(&output.reply).unwrap_or_else(|e| {
        web_sys::console::error_1(&format!("reply not serialisable: {e}").into());
        r#"{"Unreadable":{"kind":"analyser_stopped"}}"#.to_owned()
    });
    let msg = Object::new();
    set(&msg, "id", &get(data, "id"));
    set(&msg, "reply", &JsValue::from_str(&reply));
    set(&msg, "ms", &JsValue::from_f64(now(scope) - started));
    set(&msg, "run_ms", &JsValue::from_f64(run_ms));
    set(&msg, "decode_ms", &JsValue::from_f64(phases.decode));
    set(&msg, "analyse_ms", &JsValue::from_f64(phases.analyse));
    set(&msg, "review_ms", &JsValue::from_f64(phases.review));
    let transfer = Array::new();
    if !output.bytes.is_empty() {
        let array = Uint8Array::from(output.bytes.as_slice());
        transfer.push(&array.buffer());
        set(&msg, "bytes", &array);
    }
    if let Err(e) = scope.post_message_with_transfer(&msg, &transfer) {
        web_sys::console::error_2(&"fazhi-worker: could not post a reply".into(), &e);
    }
}

/// Start taking jobs (the worker binary's `main`).
pub fn listen() {
    install_hook();
    let Some(scope) = scope() else {
        web_sys::console::error_1(&"fazhi-worker: not running in a dedicated worker".into());
        return;
    };
    let inner = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        BUSY.set(true);
        answer(&inner, &e.data());
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let ready = Object::new();
    set(&ready, "ready", &JsValue::TRUE);
    let _ = scope.post_message(&ready);
    // Compile the regexes the demo needs now (about 0.1–0.2 s), not during the first report:
    // the worker is often started before the user's report arrives (see `worker::warm_up`).
    // Jobs arriving meanwhile wait no longer than they would have.
    let _ = job::analyse_text(crate::state::DEMO_TEXT.to_owned());
    let started = now(&scope);
    warm_up(
        scope,
        WarmUp {
            started,
            step: 0,
            round: 1,
            worked: 0.0,
        },
    );
}

thread_local! {
    /// Whether a job has come: from then on the jobs themselves keep the code warm.
    static BUSY: Cell<bool> = const { Cell::new(false) };
}

/// Idle warm-up: at most this much work in all (ms)…
const WARM_UP_WORK_MS: f64 = 600.0;
/// …within this long of the worker's start (ms)…
const WARM_UP_MS: f64 = 2000.0;
/// …in slices of about this long (ms), between which a job that came is taken.
const WARM_UP_SLICE_MS: f64 = 8.0;

/// Where the idle warm-up is.
#[derive(Clone, Copy)]
struct WarmUp {
    /// When it began (ms, the worker's clock).
    started: f64,
    /// The next step of `fazhi_core::PREPARE`.
    step: usize,
    /// The demo's rounds so far (each varies its figures by this).
    round: u32,
    /// Work done so far (ms).
    worked: f64,
}

/// While the worker waits for its first job it gets ready for the reports to come, in short
/// slices of work with a turn of the event loop between them, so a job that comes waits for
/// one slice at most:
/// - first, the steps of `fazhi_core::PREPARE`, one per slice: every pattern and word table
///   the demo did not need, which the first report of each new style would otherwise wait
///   for (natively 0.5–2 ms a report, in cold wasm ten times that);
/// - then the demo report again and again (its figures varied), read as a dropped file is
///   (decode, split, analyse, review). The browser compiles wasm functions in a quick
///   baseline tier first and optimises those that run often: in Chromium the first 150–250
///   reports of a cold batch ran at a third to half the speed of the rest, and about 300
///   rounds of the demo (1 MB) beforehand brought them to full speed.
///
/// It stops at the first job, after [`WARM_UP_WORK_MS`] of work or [`WARM_UP_MS`] from the
/// start. (One round per turn, as before, worked 7 % of the time: timers wait at least 4 ms
/// once nested.)
fn warm_up(scope: DedicatedWorkerGlobalScope, mut at: WarmUp) {
    let slice_start = now(&scope);
    if BUSY.get() || at.worked >= WARM_UP_WORK_MS || slice_start - at.started > WARM_UP_MS {
        return;
    }
    if let Some(step) = fazhi_core::PREPARE.get(at.step) {
        step();
        at.step += 1;
    } else {
        while now(&scope) - slice_start < WARM_UP_SLICE_MS {
            let text: String = crate::state::DEMO_TEXT
                .chars()
                .map(|c| match c.to_digit(10) {
                    Some(d) => char::from_digit((d + at.round) % 10, 10).unwrap_or(c),
                    None => c,
                })
                .collect();
            let file = Job::File {
                name: "demo-report.txt".to_owned(),
            };
            let _ = job::run_timed(file, text.as_bytes(), &|| 0.0);
            at.round = at.round.wrapping_add(1);
        }
    }
    at.worked += now(&scope) - slice_start;
    gloo::timers::callback::Timeout::new(0, move || warm_up(scope, at)).forget();
}
